namespace Lifeline.Cli;

/// <summary>The exit codes of the lifeline command; documented in the README.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The work ran and found a failure: verification failed, a command was refused, a plan is infeasible.</summary>
    public const int Failed = 1;

    /// <summary>The arguments are wrong: unknown option, missing value, malformed input.</summary>
    public const int Usage = 2;

    /// <summary>The data directory is missing, not initialised, locked by another process, or from a newer Lifeline.</summary>
    public const int DataDirectory = 3;
}
