namespace Harmony.Genomics.Core;

/// <summary>The base of every error the engine raises on purpose; the CLI turns these into one clear line and a non-zero exit.</summary>
public class HarmonyException : Exception
{
    /// <summary>Creates an error with a message.</summary>
    public HarmonyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an error with a message and the error that caused it.</summary>
    public HarmonyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
