using Spectre.Console;

namespace ChaosKit.Cli.Tests;

/// <summary>A console of a given width, without colours or cursor control, that writes into a string.</summary>
internal sealed class PlainConsole
{
    private readonly StringWriter _writer = new();

    public PlainConsole(int width)
    {
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_writer),
        });
        Console.Profile.Width = width;
    }

    public IAnsiConsole Console { get; }

    /// <summary>What was written, with LF line ends.</summary>
    public string Text => _writer.ToString().Replace("\r", "", StringComparison.Ordinal);
}
