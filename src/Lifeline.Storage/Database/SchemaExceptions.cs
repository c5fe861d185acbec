using System.Globalization;

namespace Lifeline.Storage.Database;

/// <summary>The database was written by a newer Lifeline; this one must not touch it.</summary>
public sealed class SchemaTooNewException(string path, int found, int supported)
    : Exception(string.Create(CultureInfo.InvariantCulture, $"{path} has schema version {found}, newer than the {supported} this version of lifeline supports; upgrade lifeline to open it"))
{
    public string Path { get; } = path;

    public int Found { get; } = found;

    public int Supported { get; } = supported;
}

/// <summary>A shared database's schema is older than this Lifeline; an operator runs <c>lifeline migrate</c> first.</summary>
public sealed class SchemaBehindException(string database, int found, int latest)
    : Exception(string.Create(CultureInfo.InvariantCulture, $"{database} has schema version {found}, older than the {latest} this version of lifeline needs; run 'lifeline migrate' first"))
{
    public int Found { get; } = found;

    public int Latest { get; } = latest;
}

/// <summary>
/// A shared database's projections were built by another version of Lifeline; <c>lifeline migrate</c> rebuilds
/// them from the log.
/// </summary>
public sealed class ProjectionsBehindException(string database, IReadOnlyList<string> projections)
    : Exception($"{database} has projections built by another version of lifeline ({string.Join(", ", projections)}); run 'lifeline migrate' to rebuild them from the log")
{
    public IReadOnlyList<string> Projections { get; } = projections;
}
