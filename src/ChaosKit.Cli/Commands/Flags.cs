using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ChaosKit.Core.Loading;
using ChaosKit.Runner;

namespace ChaosKit.Cli.Commands;

/// <summary>
/// Options whose values the CLI reads itself, so that every bad value says what was expected in one form,
/// <c>--seed: expected an integer, got 'abc'</c>, where System.CommandLine's own message names a .NET type.
/// </summary>
internal static class Flags
{
    /// <summary>An optional integer from <paramref name="min"/> to <paramref name="max"/>; <see langword="null"/> when absent.</summary>
    public static Option<int?> Integer(string name, string description, string helpName, int min = int.MinValue, int max = int.MaxValue) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
                return value;
            var range = (min, max) switch
            {
                (int.MinValue, int.MaxValue) => "an integer",
                (_, int.MaxValue) => $"an integer of at least {min}",
                _ => $"an integer from {min} to {max}",
            };
            return Invalid<int?>(result, name, range, text, null);
        },
    };

    /// <summary><c>--target-url URL</c>: an absolute http(s) URL; <see langword="null"/> when absent.</summary>
    public static Option<Uri?> TargetUrl(string description) => new("--target-url")
    {
        Description = description,
        HelpName = "URL",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                return uri;
            return Invalid<Uri?>(result, "--target-url", "an http(s) URL such as http://127.0.0.1:5000", text, null);
        },
    };

    /// <summary>
    /// <c>--journal-limit SIZE</c>: the most the call journal's files may hold together (<c>500MB</c>, <c>2GB</c>),
    /// or 0 for no journal; <see cref="RunOptions.DefaultJournalLimitBytes"/> when absent.
    /// </summary>
    public static Option<long> JournalLimit() => new("--journal-limit")
    {
        Description = $"Most disk the call journal may use (journal.jsonl and, once it rotates, journal.1.jsonl), e.g. 500MB or 2GB; " +
            $"0 writes no journal. Default: {ByteSize.Format(RunOptions.DefaultJournalLimitBytes).Replace(" ", "", StringComparison.Ordinal)}.",
        HelpName = "SIZE",
        DefaultValueFactory = _ => RunOptions.DefaultJournalLimitBytes,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (ByteSize.TryParse(text, out var bytes) && (bytes == 0 || bytes >= RunOptions.MinimumJournalLimitBytes)) return bytes;
            return Invalid(result, "--journal-limit",
                $"a size such as 500MB or 2GB, at least {ByteSize.Format(RunOptions.MinimumJournalLimitBytes).Replace(" ", "", StringComparison.Ordinal)}, or 0 for no journal",
                text, RunOptions.DefaultJournalLimitBytes);
        },
    };

    /// <summary>Records <c>NAME: expected WHAT, got 'TEXT'</c> as the parse error and returns <paramref name="fallback"/>.</summary>
    public static T Invalid<T>(ArgumentResult result, string name, string expected, string text, T fallback)
    {
        result.AddError($"{name}: expected {expected}, got '{text}'");
        return fallback;
    }
}
