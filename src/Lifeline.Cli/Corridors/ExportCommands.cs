using System.CommandLine;
using System.Text;
using Lifeline.Cli.Setup;
using Lifeline.Server.Exports;
using NodaTime;

namespace Lifeline.Cli.Corridors;

/// <summary><c>lifeline export passages --format hxl</c> and <c>lifeline export corridors --format geojson|ics</c>.</summary>
public static class ExportCommands
{
    public static Command Create(TimeProvider clock) => new("export", "Export data in the formats humanitarians use")
    {
        Export("passages", ["hxl"], clock),
        Export("corridors", ["geojson", "ics"], clock),
    };

    private static Command Export(string what, string[] formats, TimeProvider clock)
    {
        var data = SetupCommands.DataOption();
        var operation = OperationScope.OperationOption();
        var format = new Option<string>("--format") { Description = string.Join(" or ", formats), DefaultValueFactory = _ => formats[0] };
        format.AcceptOnlyFromAmong(formats);
        var output = new Option<FileInfo?>("--output") { Description = "Write to this file instead of standard output" };
        var command = new Command(what, $"Export {what} as {string.Join(" or ", formats)}") { data, operation, format, output };
        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            using var scope = OperationScope.Open(result.GetRequiredValue(data), result.GetValue(operation), clock);
            var text = scope.Store.Read(session =>
            {
                switch (result.GetRequiredValue(format))
                {
                    case "geojson":
                        using (var stream = new MemoryStream())
                        {
                            CorridorsGeoJson.Write(session, scope.Operation.Id, stream);
                            return Encoding.UTF8.GetString(stream.ToArray());
                        }

                    case "ics":
                        using (var writer = new StringWriter())
                        {
                            WindowsICalendar.Write(session, scope.Operation.Id, writer, Instant.FromDateTimeOffset(clock.GetUtcNow()));
                            return writer.ToString();
                        }

                    default:
                        using (var writer = new StringWriter())
                        {
                            PassagesHxl.Write(session, scope.Operation.Id, writer);
                            return writer.ToString();
                        }
                }
            });
            if (result.GetValue(output) is { } file)
            {
                File.WriteAllText(file.FullName, text, new UTF8Encoding(false));
                result.InvocationConfiguration.Output.WriteLine($"Wrote {file.FullName}");
            }
            else
            {
                result.InvocationConfiguration.Output.Write(text);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
