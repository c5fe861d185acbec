using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Lifeline.Domain.Deciding;
using Lifeline.Storage.Database;
using Lifeline.Storage.Projections;
using Lifeline.Storage.Writing;

namespace Lifeline.Cli.Tests;

/// <summary>
/// Rules of Lifeline's design that the compiler does not enforce, checked over the built assemblies (as
/// NodaTime checks its own): there is one way from a command to the log, and the edges never take it apart.
/// </summary>
public class DesignRuleTests
{
    /// <summary>What writes through a session: the edges read projections with a session, never write with one.</summary>
    private static readonly string[] WritingMembers = ["Execute", "Command", "Begin", "BeginSnapshot", "Commit", "Rollback"];

    private static readonly Assembly[] Edges = [typeof(Server.LifelineHost).Assembly, typeof(ExitCodes).Assembly];

    [Fact]
    public void Every_command_in_the_domain_has_exactly_one_handler_and_every_handler_a_domain_command()
    {
        var commands = typeof(IOperationCommand).Assembly.GetTypes()
            .Where(t => typeof(IOperationCommand).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => t.FullName!)
            .Order(StringComparer.Ordinal);

        Assert.Equal(commands, CommandHandlers.Lifeline.Commands.Select(t => t.FullName!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_projection_in_storage_is_kept_up_to_date_by_the_store_and_owns_distinct_tables()
    {
        var projections = typeof(IProjection).Assembly.GetTypes()
            .Where(t => typeof(IProjection).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => t.FullName!)
            .Order(StringComparer.Ordinal);
        var tables = ProjectionSet.Default.Tables.ToList();

        Assert.Equal(projections, ProjectionSet.Default.Projections.Select(p => p.GetType().FullName!).Order(StringComparer.Ordinal));
        Assert.Equal(tables.Count, tables.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void A_command_without_a_handler_is_a_programmer_error_naming_the_command()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new CommandHandlers().Decide(new WriteContext(null!, TimeProvider.System, null), new Unhandled(default)));

        Assert.Contains(nameof(Unhandled), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_server_and_the_command_line_never_write_through_a_database_session()
    {
        var offenders = Edges
            .SelectMany(assembly => MemberReferences(assembly.Location))
            .Where(reference => reference.Type == typeof(SqlSession).FullName && WritingMembers.Contains(reference.Member))
            .Select(reference => $"{reference.Assembly}: {reference.Type}.{reference.Member}")
            .Distinct()
            .ToList();

        Assert.True(offenders.Count == 0, "hand the store a command (LogStore.Execute) instead of writing through a session: " + string.Join(", ", offenders));
    }

    [Fact]
    public void The_scan_of_member_references_sees_session_writes_where_there_are_some()
    {
        // The rule above would pass vacuously if the scan saw nothing: this assembly refers to a session write here.
        Action<SqlSession> write = session => session.Execute("SELECT 1");

        Assert.NotNull(write);
        Assert.Contains(
            MemberReferences(typeof(DesignRuleTests).Assembly.Location),
            reference => reference.Type == typeof(SqlSession).FullName && reference.Member == "Execute");
    }

    /// <summary>The members an assembly uses of other assemblies' types, read from its metadata.</summary>
    private static IEnumerable<(string Assembly, string Type, string Member)> MemberReferences(string path)
    {
        using var file = File.OpenRead(path);
        using var pe = new PEReader(file);
        var metadata = pe.GetMetadataReader();
        var name = Path.GetFileNameWithoutExtension(path);
        var found = new List<(string, string, string)>();
        foreach (var handle in metadata.MemberReferences)
        {
            var reference = metadata.GetMemberReference(handle);
            if (reference.Parent.Kind == HandleKind.TypeReference)
            {
                var type = metadata.GetTypeReference((TypeReferenceHandle)reference.Parent);
                found.Add((name, $"{metadata.GetString(type.Namespace)}.{metadata.GetString(type.Name)}", metadata.GetString(reference.Name)));
            }
        }

        return found;
    }

    private sealed record Unhandled(Domain.Primitives.OperationId OperationId) : IOperationCommand;
}
