using System.Globalization;
using CsvHelper;
using Lifeline.Server.Exports;
using Lifeline.Server.Reports;
using Lifeline.Storage.Reports;

namespace Lifeline.Server.Tests;

/// <summary>The one CSV writer: text that a spreadsheet would run as a formula is neutralised, numbers stay numbers.</summary>
public sealed class SpreadsheetCsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"Click\")")]
    [InlineData("@SUM(A1:A9)")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    [InlineData("\n=1+1")]
    public void Text_that_begins_like_a_formula_is_written_quoted_after_a_single_quote(string hostile)
    {
        var cell = Cells(csv => csv.Text(hostile)).Single();

        Assert.Equal("'" + hostile, cell);
    }

    [Theory]
    [InlineData("Bustan al-Qasr inner gate")]
    [InlineData("medical evacuation, after dark")]
    [InlineData("the \"east\" gate")]
    [InlineData("1+1=2")]
    public void Other_text_is_written_as_it_is(string text)
    {
        Assert.Equal(text, Cells(csv => csv.Text(text)).Single());
    }

    [Fact]
    public void Separators_and_quotes_inside_a_neutralised_cell_stay_inside_it()
    {
        var written = Write(csv =>
        {
            csv.Text("=1+1,\"x\"\n=2");
            csv.Number(-3);
            csv.EndRow();
        });

        Assert.Equal("\"'=1+1,\"\"x\"\"\n=2\",-3", written.TrimEnd('\r', '\n'));
    }

    [Fact]
    public void Numbers_the_system_writes_stay_numbers_even_when_negative()
    {
        var cells = Cells(csv =>
        {
            csv.Number(-3);
            csv.Number(-0.125m, "0.000");
            csv.Number(-12.5m);
            csv.Number((long?)null);
        });

        Assert.Equal(["-3", "-0.125", "-12.5", ""], cells);
    }

    [Fact]
    public void The_situation_report_neutralises_its_keys_and_keeps_negative_tons_as_numbers()
    {
        // Its keys are days and vocabulary words today; were one ever to come from free text, it is still text.
        var day = new DateOnly(2016, 7, 28);
        var hostile = new Tonnage("=HYPERLINK(\"http://evil.example\")", 1.5m, 1m, 0.5m, 0m, 0m, 0m, -0.25m);
        var report = new SituationReport(Guid.NewGuid(), day, day, "Asia/Damascus", hostile with { Key = "total" }, [hostile], [], [hostile with { Key = "2016-07-28" }], new FoodCoverage(0m, 0m, 0m, 2100), [], [], []);
        using var output = new StringWriter();

        SitrepHxl.Write(report, output);

        var rows = Rows(output.ToString());
        var category = rows.Single(row => row[2] == "category");
        Assert.Equal("'=HYPERLINK(\"http://evil.example\")", category[3]);
        Assert.Equal("-0.250", category[Array.IndexOf(rows[1], "#x_tons+over")]);
        Assert.Equal(["2016-07-28", "2016-07-28", "day", "2016-07-28"], rows.Single(row => row[2] == "day")[..4]);
    }

    private static string Write(Action<SpreadsheetCsv> write)
    {
        using var output = new StringWriter();
        using (var csv = new SpreadsheetCsv(output))
        {
            write(csv);
        }

        return output.ToString();
    }

    private static string[] Cells(Action<SpreadsheetCsv> write) => Rows(Write(csv =>
    {
        write(csv);
        csv.EndRow();
    })).Single();

    private static List<string[]> Rows(string text)
    {
        using var csv = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Parser.Record!);
        }

        return rows;
    }
}
