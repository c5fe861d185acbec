using Lifeline.Domain.Corridors;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Sites;
using Lifeline.Storage.Corridors;
using Lifeline.Storage.Database;
using Lifeline.Storage.Sites;

namespace Lifeline.Server.Exports;

/// <summary>
/// Passages as HXL-tagged CSV (HXL 1.1): a header row for people, a hashtag row for machines, then one row per
/// passage as it stands after corrections, disaggregated by sex and age group and by category.
/// </summary>
public static class PassagesHxl
{
    private static readonly (string Header, string Tag, Func<PassageCount, bool> Counts)[] Disaggregation =
    [
        ("Female, children (0-17)", "#reached+f+children", c => c.Sex == Sex.Female && c.AgeBand.IsChild()),
        ("Female, adults (18-59)", "#reached+f+adults", c => c.Sex == Sex.Female && c.AgeBand == AgeBand.Age18To59),
        ("Female, elderly (60+)", "#reached+f+elderly", c => c.Sex == Sex.Female && c.AgeBand == AgeBand.Age60Plus),
        ("Female, age unknown", "#reached+f+age_unknown", c => c.Sex == Sex.Female && c.AgeBand == AgeBand.Unknown),
        ("Male, children (0-17)", "#reached+m+children", c => c.Sex == Sex.Male && c.AgeBand.IsChild()),
        ("Male, adults (18-59)", "#reached+m+adults", c => c.Sex == Sex.Male && c.AgeBand == AgeBand.Age18To59),
        ("Male, elderly (60+)", "#reached+m+elderly", c => c.Sex == Sex.Male && c.AgeBand == AgeBand.Age60Plus),
        ("Male, age unknown", "#reached+m+age_unknown", c => c.Sex == Sex.Male && c.AgeBand == AgeBand.Unknown),
        ("Sex unknown, children (0-17)", "#reached+sex_unknown+children", c => c.Sex == Sex.Unknown && c.AgeBand.IsChild()),
        ("Sex unknown, adults and elderly (18+)", "#reached+sex_unknown+adults", c => c.Sex == Sex.Unknown && c.AgeBand is AgeBand.Age18To59 or AgeBand.Age60Plus),
        ("Sex unknown, age unknown", "#reached+sex_unknown+age_unknown", c => c.Sex == Sex.Unknown && c.AgeBand == AgeBand.Unknown),
        ("Civilians", "#reached+civilians", c => c.Category == PersonCategory.Civilians),
        ("Wounded and sick", "#reached+wounded_sick", c => c.Category == PersonCategory.WoundedAndSick),
        ("Fighters under amnesty", "#reached+fighters_amnesty", c => c.Category == PersonCategory.FightersUnderAmnesty),
        ("Humanitarian staff", "#reached+humanitarian_staff", c => c.Category == PersonCategory.HumanitarianStaff),
    ];

    public static void Write(SqlSession session, OperationId operation, TextWriter output)
    {
        var corridors = CorridorsProjection.List(session, operation).ToDictionary(c => c.Id);
        var sites = SitesProjection.List(session, operation).ToDictionary(s => s.Id);
        using var csv = new SpreadsheetCsv(output);
        csv.Row(["Date and time (UTC)", "Corridor", "Checkpoint", "Checkpoint P-code", "Direction", .. Disaggregation.Select(d => d.Header), "Total people", "Out of window", "Out-of-window reason", "Medical evacuations", "Weapons handed in", "Vehicles", "Passage id", "Corrects passage"]);
        csv.Row(["#date+occurred", "#x_corridor+name", "#loc+name", "#loc+code", "#x_direction", .. Disaggregation.Select(d => d.Tag), "#reached+ind+total", "#x_out_of_window", "#description+out_of_window", "#reached+medevac", "#x_weapons+handed_in", "#x_vehicles", "#meta+id", "#meta+corrects"]);
        foreach (var passage in PassagesProjection.Current(session, operation))
        {
            var checkpoint = sites.GetValueOrDefault(passage.CheckpointId);
            csv.Instant(passage.OccurredAt);
            csv.Text(corridors.GetValueOrDefault(passage.CorridorId)?.Name ?? passage.CorridorId.ToString());
            csv.Text(checkpoint?.Name ?? passage.CheckpointId.ToString());
            csv.Text(checkpoint?.PCode);
            csv.Text(passage.Direction.Name());
            foreach (var (_, _, counts) in Disaggregation)
            {
                csv.Number(passage.Counts.Where(counts).Sum(c => c.Count));
            }

            csv.Number(passage.Total);
            csv.Text(passage.OutOfWindow ? "yes" : "no");
            csv.Text(passage.OutOfWindowReason);
            csv.Number(passage.MedicalEvacuations);
            csv.Number(passage.WeaponsHandedIn);
            csv.Number(passage.Vehicles);
            csv.Text(passage.Id.ToString());
            csv.Text(passage.Corrects?.ToString());
            csv.EndRow();
        }
    }
}
