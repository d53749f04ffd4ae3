using Spectre.Console;

namespace ChaosKit.Cli.Output;

/// <summary>One-line messages: results to standard output, errors to standard error, coloured only on a terminal.</summary>
internal static class ConsoleOutput
{
    // Errors are written raw, never through a width-aware renderer: a one-line error must stay one line in a log.
    private static readonly bool ColourErrors = !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Ansi;

    /// <summary>True when standard output is a terminal a live display can redraw.</summary>
    public static bool IsInteractive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Writes <paramref name="message"/> to standard error, each of its lines (one per problem) as its own <c>error:</c> line.</summary>
    public static void Error(string message)
    {
        foreach (var line in message.Split('\n'))
            Console.Error.WriteLine(ColourErrors ? $"\u001b[31merror:\u001b[0m {line}" : $"error: {line}");
    }

    public static void Hint(string message) => Console.Error.WriteLine(message);

    public static void Ok(string message) => AnsiConsole.MarkupLineInterpolated($"[green]ok:[/] {message}");

    public static void Step(string message) => AnsiConsole.MarkupLineInterpolated($"[grey]• {message}[/]");
}
