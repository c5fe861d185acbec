using Lifeline.Domain.Commodities;
using Lifeline.Domain.Movements;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Sites;
using Lifeline.Domain.Stock;

namespace Lifeline.Domain.Tests.Deciders;

/// <summary>A hub, a helipad, two commodities and their lots, as the logistics deciders see them.</summary>
internal static class LogisticsFixtures
{
    public static readonly DateTimeOffset Morning = new(2016, 7, 29, 9, 0, 0, TimeSpan.FromHours(3));
    public static readonly DateOnly Day = new(2016, 7, 29);

    public static readonly Site Hub = new(new SiteId(Guid.Parse("01900000-0000-7000-8000-0000000000a1")), OperationDeciderTests.Id, "Hmeimim air base", SiteKind.Hub, GeoPoint.Create(35.4, 35.9).Value, null, SiteStatus.Active);
    public static readonly Site Helipad = new(new SiteId(Guid.Parse("01900000-0000-7000-8000-0000000000a2")), OperationDeciderTests.Id, "Stadium helipad", SiteKind.Helipad, GeoPoint.Create(36.2, 37.1).Value, null, SiteStatus.Active);

    public static readonly Commodity Flour = new(new CommodityId(Guid.Parse("01900000-0000-7000-8000-0000000000c1")), OperationDeciderTests.Id, "WHEAT-FLOUR-50", "Wheat flour", CommodityCategory.Food, "bag", new UnitMass(50), 3640, 0.07m, false);
    public static readonly Commodity Kit = new(new CommodityId(Guid.Parse("01900000-0000-7000-8000-0000000000c2")), OperationDeciderTests.Id, "MED-TRAUMA-KIT", "Trauma kit", CommodityCategory.Medical, "kit", new UnitMass(38), null, 0.2m, true);

    public static readonly Dictionary<CommodityId, Commodity> Catalogue = new() { [Flour.Id] = Flour, [Kit.Id] = Kit };

    public static Quantity Q(decimal units) => Quantity.FromUnits(units)!.Value;

    public static LotBalance Lot(Commodity commodity, string lot, decimal onHand, DateOnly? expiry = null, bool quarantined = false, Site? site = null) =>
        new((site ?? Hub).Id, commodity.Id, lot, expiry, Q(onHand), quarantined, quarantined ? "water damage suspected" : null);

    public static Dictionary<(CommodityId, string), LotBalance> Lots(params LotBalance[] lots) => lots.ToDictionary(l => (l.CommodityId, l.Lot));

    public static readonly MovementId SortieId = new(Guid.Parse("01900000-0000-7000-8000-0000000000d1"));
    public static readonly MovementId ConvoyId = new(Guid.Parse("01900000-0000-7000-8000-0000000000d2"));

    /// <summary>A Mi-8 with 4,000 kg maximum payload, derated 10% for range and 15% for heat: 3,060 kg usable.</summary>
    public static Movement Sortie(MovementStatus status = MovementStatus.Loading) => new(
        SortieId, OperationDeciderTests.Id, MovementMode.Air, Hub.Id, Helipad.Id, Morning, null, "direct", 5,
        [new MovementVehicle("RA-24531", "Mi-8AMTSh", 4000, 22)], new SortieDerating(10, 15, 0), status);

    public static Movement Convoy(MovementStatus status = MovementStatus.Loading) => new(
        ConvoyId, OperationDeciderTests.Id, MovementMode.Road, Hub.Id, Helipad.Id, Morning, null, "road", 2,
        [new MovementVehicle("KAMAZ-1", null, 10000, 40), new MovementVehicle("KAMAZ-2", null, 10000, 40)], null, status);

    public static Manifest SealedManifest(MovementId movement, string vehicle, params ManifestLine[] lines)
    {
        var id = new ManifestId(Guid.Parse("01900000-0000-7000-8000-0000000000e1"));
        return new Manifest(id, movement, vehicle, lines, ManifestHash.Compute(id, movement, vehicle, lines), null);
    }
}
