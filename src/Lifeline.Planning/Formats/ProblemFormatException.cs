namespace Lifeline.Planning.Formats;

/// <summary>A problem or solution file that cannot be read; names the file, the line (1-based, 0 if none) and why.</summary>
public sealed class ProblemFormatException : Exception
{
    public ProblemFormatException()
    {
        File = string.Empty;
        Reason = string.Empty;
    }

    public ProblemFormatException(string message)
        : base(message)
    {
        File = string.Empty;
        Reason = message;
    }

    public ProblemFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = string.Empty;
        Reason = message;
    }

    public ProblemFormatException(string file, int line, string reason)
        : base(line > 0 ? $"{file}:{line}: {reason}" : $"{file}: {reason}")
    {
        File = file;
        Line = line;
        Reason = reason;
    }

    public string File { get; }

    public int Line { get; }

    public string Reason { get; }
}
