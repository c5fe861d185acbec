using System.Globalization;
using Lifeline.Domain.Commodities;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Zones;
using Lifeline.Server.Web.Shared;
using Lifeline.Storage.Writing;
using Microsoft.AspNetCore.Mvc;

namespace Lifeline.Server.Web.Setup;

/// <summary>What the commodity form sends, every value as typed.</summary>
public sealed class CommodityForm
{
    public string? Code { get; init; }

    public string? Name { get; init; }

    public string? Category { get; init; }

    public string? Unit { get; init; }

    public string? MassPerUnitKg { get; init; }

    public string? KcalPerKg { get; init; }

    public string? VolumePerUnitM3 { get; init; }

    /// <summary>The checkbox: present ("true") when ticked.</summary>
    public string? LotTracked { get; init; }

    public string? IdempotencyKey { get; init; }
}

/// <summary>What the zone form sends: the area as text, one corner per line.</summary>
public sealed class ZoneForm
{
    public string? Name { get; init; }

    public string? Kind { get; init; }

    public string? Area { get; init; }

    public string? IdempotencyKey { get; init; }
}

/// <summary>The coordinator's set-up forms: a commodity for the catalogue and a zone drawn as text.</summary>
public static class SetupForms
{
    /// <summary>The prefix of the commodity form's inputs.</summary>
    public const string Commodity = "commodity";

    /// <summary>The prefix of the zone form's inputs.</summary>
    public const string Zone = "zone";

    internal static async Task<IResult> RegisterCommodityForm(Guid operationId, [FromForm] CommodityForm form, HttpContext context, LogStore store, TimeProvider clock)
    {
        var operation = new OperationId(operationId);
        var unreadable = new List<Rejection>();
        var mass = FormValues.Decimal(form.MassPerUnitKg, "massPerUnitKg", unreadable, "50");
        var kcal = FormValues.Decimal(form.KcalPerKg, "kcalPerKg", unreadable, "3640");
        var volume = FormValues.Decimal(form.VolumePerUnitM3, "volumePerUnitM3", unreadable, "0.07");
        var lotTracked = form.LotTracked is "true" or "on";
        static string Field(string field) => $"{Commodity}-{field}";

        var validation = new Validation();
        var command = RegisterCommodity.From(operation, CommodityId.New(clock), form.Code?.Trim(), form.Name, form.Category, form.Unit, mass, kcal, volume, lotTracked, validation);
        var outcome = unreadable.Count > 0 || command is null
            ? FormWrites.Invalid(unreadable, validation, Field)
            : await FormWrites.Record(
                context,
                store,
                new { form.Code, form.Name, form.Category, form.Unit, mass, kcal, volume, lotTracked },
                command,
                form.IdempotencyKey,
                Field);
        return SetupPages.Commodities(context, store, operationId, outcome, outcome.Receipt is null ? form : null);
    }

    internal static async Task<IResult> DrawZoneForm(Guid operationId, [FromForm] ZoneForm form, HttpContext context, LogStore store, TimeProvider clock)
    {
        var operation = new OperationId(operationId);
        var unreadable = new List<Rejection>();
        var ring = Ring(form.Area, unreadable);

        // Every rejection of the geometry (a ring that crosses itself, a latitude out of range) is about the one text area.
        static string Field(string field) => field.StartsWith("geometry", StringComparison.Ordinal) ? $"{Zone}-area" : $"{Zone}-{field}";

        var validation = new Validation();
        var command = DrawZone.From(operation, ZoneId.New(clock), form.Name, form.Kind, "Polygon", ring is null ? null : [ring], validation);
        var outcome = unreadable.Count > 0 || command is null
            ? FormWrites.Invalid(unreadable, validation, Field)
            : await FormWrites.Record(
                context,
                store,
                new { form.Name, form.Kind, ring },
                command,
                form.IdempotencyKey,
                Field);
        return SetupPages.Zones(context, store, operationId, outcome, outcome.Receipt is null ? form : null);
    }

    /// <summary>The API's name for the area, under which a text that cannot be read is refused, so the polygon's own check does not repeat it.</summary>
    private const string Area = "geometry.coordinates";

    /// <summary>
    /// The zone's outer ring from text, one corner per line as "latitude, longitude" in decimal degrees (the
    /// order people read from a map, the reverse of GeoJSON's), Western or Arabic-Indic digits; the ring is
    /// closed here when its last corner does not repeat its first. Null, with the reason, when a line cannot be read.
    /// </summary>
    public static double[][]? Ring(string? text, List<Rejection> unreadable)
    {
        var lines = (text ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0)
        {
            unreadable.Add(ServerReasons.Forms.ZoneCornersRequired.Invalid(Area));
            return null;
        }

        var positions = new List<double[]>();
        for (var i = 0; i < lines.Length; i++)
        {
            var parts = FormValues.Western(lines[i]).Split([',', '\u060C', ';', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude))
            {
                unreadable.Add(ServerReasons.Forms.ZoneCornerUnreadable.Invalid(Area, ("line", i + 1), ("text", lines[i])));
                return null;
            }

            positions.Add([longitude, latitude]);
        }

        if (positions[0][0] != positions[^1][0] || positions[0][1] != positions[^1][1])
        {
            positions.Add(positions[0]);
        }

        return [.. positions];
    }
}
