namespace Lifeline.Planning;

/// <summary>A kind of vehicle in the fleet: how many there are, what they carry and what a trip costs.</summary>
/// <param name="Name">Label shown to people, e.g. "Mi-8" or "10 t truck".</param>
/// <param name="Count">How many vehicles of this type are available.</param>
/// <param name="Capacity">Load limit in the first dimension (kg).</param>
/// <param name="VolumeCapacity">Load limit in the second dimension (m³ or pallets); int.MaxValue when unused.</param>
/// <param name="FixedCost">Paid once for every vehicle of this type that leaves its depot.</param>
/// <param name="CostPerDistance">Paid per distance unit travelled.</param>
/// <param name="Depot">Node index of the depot the vehicle starts from and returns to.</param>
/// <param name="MaxDuration">Longest allowed route duration (departure to return), infinity when unlimited.</param>
/// <param name="MaxDistance">Longest allowed route distance (a helicopter's range), infinity when unlimited.</param>
public sealed record VehicleType(
    string Name,
    int Count,
    int Capacity,
    int VolumeCapacity = int.MaxValue,
    double FixedCost = 0,
    double CostPerDistance = 1,
    int Depot = 0,
    double MaxDuration = double.PositiveInfinity,
    double MaxDistance = double.PositiveInfinity);
