using ChaosKit.Cli.Output;

namespace ChaosKit.Cli.Tests;

/// <summary>An error on a narrow terminal breaks between words, under its label, and loses no word.</summary>
public sealed class ConsoleOutputTests
{
    [Fact]
    public void A_long_error_wraps_at_spaces_within_the_width_and_keeps_every_word()
    {
        const string Message = "The target died in phase 'outage', 4.1 s into the 9.0 s timeline: target " +
            "http://127.0.0.1:18777/ stopped answering: GET http://127.0.0.1:18777/ got no answer 3 times in a row (ConnectionRefused).";

        var lines = ConsoleOutput.Wrap(Message, 73, "       ").Split('\n');

        Assert.True(lines.Length >= 3, string.Join("|", lines));
        Assert.All(lines, line => Assert.True(line.Length <= 73 + 7, line));
        Assert.All(lines.Skip(1), line => Assert.StartsWith("       ", line));
        Assert.Equal(Message, string.Join(" ", lines.Select(l => l.Trim())));
    }

    [Fact]
    public void A_word_longer_than_the_width_keeps_its_own_line_whole()
    {
        var url = "http://127.0.0.1:5000/" + new string('a', 100);

        var lines = ConsoleOutput.Wrap($"cannot reach {url} now", 40, "  ").Split('\n');

        Assert.Equal(["cannot reach", "  " + url, "  now"], lines);
    }
}
