using Lifeline.Fuzz;
using SharpFuzz;

// The harness AFL++ runs (scripts/fuzz TARGET): reads one input per run from AFL's shared memory, or from
// standard input when started by hand to replay a crash: dotnet Lifeline.Fuzz.dll TARGET < input.
if (args.Length != 1 || !Targets.All.TryGetValue(args[0], out var create))
{
    Console.Error.WriteLine($"usage: Lifeline.Fuzz TARGET  (one of {string.Join(", ", Targets.All.Keys)})");
    return 2;
}

// Set-up (a store for the passage import) happens once, on the first input: instrumented code run before
// Fuzzer.Run would write to AFL's coverage map before SharpFuzz has attached it (an access violation).
ITarget? target = null;
Fuzzer.Run(stream =>
{
    target ??= create();
    using var copy = new MemoryStream();
    stream.CopyTo(copy);
    target.Run(copy.ToArray());
});
target?.Dispose();
return 0;
