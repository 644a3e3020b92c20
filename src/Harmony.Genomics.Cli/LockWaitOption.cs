using System.CommandLine;

namespace Harmony.Genomics.Cli;

/// <summary><c>--lock-wait SECONDS</c>: how long a command waits for the lake while other runs write to it.</summary>
internal static class LockWaitOption
{
    public static Option<double> Create(string description) =>
        new("--lock-wait") { Description = description, DefaultValueFactory = _ => 600 };

    public static TimeSpan Read(ParseResult parse, Option<double> option, string command)
    {
        var seconds = parse.GetValue(option);
        return double.IsFinite(seconds) && seconds is >= 0 and <= 7 * 24 * 3600
            ? TimeSpan.FromSeconds(seconds)
            : throw new Core.HarmonyException($"{command}: --lock-wait takes seconds from 0 to 604800 (a week), not {seconds}");
    }
}
