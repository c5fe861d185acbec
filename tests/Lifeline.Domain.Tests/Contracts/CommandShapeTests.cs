using System.Reflection;
using Lifeline.Domain.Deciding;

namespace Lifeline.Domain.Tests.Contracts;

/// <summary>
/// Parse, don't validate: a command is what its <c>From</c> made of a request, so a decider never meets raw input
/// and never unwraps it with <c>!</c>. Raw request shapes are the <c>…Input</c> records (a line of a manifest,
/// of a proof of delivery, of an inspection); no command may hold one, alone or in a list.
/// </summary>
public class CommandShapeTests
{
    [Fact]
    public void No_command_holds_raw_request_input()
    {
        var commands = typeof(IOperationCommand).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IOperationCommand).IsAssignableFrom(t))
            .ToList();

        var raw = commands
            .SelectMany(command => command.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => Reached(p.PropertyType).Any(t => t.Name.EndsWith("Input", StringComparison.Ordinal)))
                .Select(p => $"{command.Name}.{p.Name} ({p.PropertyType.Name})"))
            .ToList();

        Assert.NotEmpty(commands);
        Assert.True(raw.Count == 0, $"commands holding raw request input: {string.Join(", ", raw)}. Parse each line in the command's From into a record of value types, and give the decider that.");
    }

    /// <summary>The type and every type it is made of as an array or a generic (a list of lines, a nullable).</summary>
    private static IEnumerable<Type> Reached(Type type) =>
        new[] { type }.Concat((type.IsArray ? [type.GetElementType()!] : type.GetGenericArguments()).SelectMany(Reached));
}
