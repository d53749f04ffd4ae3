using Spectre.Console;

namespace ChaosKit.Cli.Output;

/// <summary>One-line messages: results to standard output, errors to standard error, coloured only on a terminal.</summary>
internal static class ConsoleOutput
{
    // Errors are written raw, never through a width-aware renderer: a one-line error must stay one line in a log.
    // On a terminal they are wrapped at words under their "error:", so a narrow one does not cut words in two.
    private static readonly bool ColourErrors = !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Ansi;
    private const string ErrorLabel = "error: ";

    /// <summary>True when standard output is a terminal a live display can redraw.</summary>
    public static bool IsInteractive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Writes <paramref name="message"/> to standard error, each of its lines (one per problem) as its own <c>error:</c> line.</summary>
    public static void Error(string message)
    {
        var width = Console.IsErrorRedirected ? 0 : TerminalWidth();
        foreach (var line in message.Split('\n'))
        {
            var text = width > ErrorLabel.Length + 20 ? Wrap(line, width - ErrorLabel.Length, new string(' ', ErrorLabel.Length)) : line;
            Console.Error.WriteLine(ColourErrors ? $"\u001b[31merror:\u001b[0m {text}" : $"{ErrorLabel}{text}");
        }
    }

    // Breaks text at spaces into lines of at most `width` characters (a longer word keeps its own line), each after
    // the first starting with `indent`.
    internal static string Wrap(string text, int width, string indent)
    {
        var lines = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (current.Length > 0 && current.Length + 1 + word.Length > width)
            {
                lines.Add(current.ToString());
                current.Clear();
            }
            if (current.Length > 0) current.Append(' ');
            current.Append(word);
        }
        lines.Add(current.ToString());
        return string.Join("\n" + indent, lines);
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public static void Hint(string message) => Console.Error.WriteLine(message);

    /// <summary>Writes <paramref name="message"/> to standard error as one <c>warning:</c> line: something went wrong that changes no result.</summary>
    public static void Warning(string message) =>
        Console.Error.WriteLine(ColourErrors ? $"\u001b[33mwarning:\u001b[0m {message}" : $"warning: {message}");

    public static void Ok(string message) => AnsiConsole.MarkupLineInterpolated($"[green]ok:[/] {message}");

    public static void Step(string message) => AnsiConsole.MarkupLineInterpolated($"[grey]• {message}[/]");
}
