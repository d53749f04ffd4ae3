using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ChaosKit.Core.Expectations;

namespace ChaosKit.Runner.Tests.Fuzz;

/// <summary>
/// Makes hostile scenario files from good ones, every choice drawn from one seed so a case replays exactly: lines
/// deleted, duplicated, swapped and re-indented; characters flipped; YAML syntax, huge numbers and durations, odd
/// Unicode and deep nesting put in; values and keys replaced; expectation strings made up; the text cut short; and
/// now and then a file built from scenario keys at random.
/// </summary>
internal sealed partial class ScenarioMutator(IReadOnlyList<string> seeds)
{
    private static readonly string[] Syntax =
    [
        ": ", "- ", "-", "{", "}", "[", "]", ",", "&a ", "*a", "*nowhere", "&a [1, *a]", "!!str ", "!!binary ", "!!int ", "!!float ",
        "!!map ", "!!seq ", "!custom ", "<<: *a", "<<: [*a, *a]", "? ", "---\n", "...\n", "%YAML 1.2\n", "%TAG ! tag:x,2026:\n", "|\n", ">-\n",
        "|+2\n", "\"", "'", "#", "\t", "\r", "\r\n", "\0", "\\", "{{", "}}", "{{lorem.sentence}}", "{{", "@", "`", "%", "!", "|", ">",
        "?", "\u0085", "\u2028", "\uFEFF",
    ];

    private static readonly string[] Numbers =
    [
        "99999999999999999999999", "1e309", "-1e309", "1e-400", "-0", ".nan", ".NaN", ".inf", "-.inf", "0x7FFFFFFF", "0o777", "0b101",
        "2147483647", "2147483648", "-2147483649", "9223372036854775808", "-9223372036854775809", "0.0000000000000000001", "1_000",
        "1e5", "-1", "0", "00", "1.", ".5", "+1", "NaN", "Infinity", "1/0", "1,5", "١٢٣",
    ];

    private static readonly string[] Durations =
    [
        "99999999999h", "99999999999999999999ms", "1e400s", "1e5h", "0s", "0ms", "-1s", "1.5.5s", "8760h", "8761h", "525600m", "365d",
        "1h1h1h1h", "s", "1", "1 s", "1S", "0.0000001ms", "9999999999999999999999999999999999999h", "NaNs", "infs",
    ];

    private static readonly string[] Unicode =
    [
        "😀", "\uD83D\uDE00", "\uD800", "\uDC00", "\u202E", "e\u0301", "\uFEFF", "\u0000", "\u0001", "\u001B[31m", "\u2028", "\u2029", "中文",
        "\uFFFF", "\uFFFE", "Ω", "ǅ", "ß", "İ", "\u200B", "\u00A0", "ﬁ", "\u0085",
    ];

    private static readonly string[] Values =
    [
        "null", "~", "", "[]", "{}", "true", "false", "yes", "no", "on", "off", "[1, 2]", "{a: 1}", "[[[]]]", "{a: {b: {c: 1}}}", "&x v", "*x",
        "*undefined", "!!python/object:os.system x", "'unterminated", "\"unterminated", "\"\\u0000\"", "\"\\ud800\"", "'it''s'", "- a",
        "|\n  block\n", ">\n  folded\n", "{kind: error}", "[{kind: error, status: 503}]", "\"{{\"", "{{lorem.word}}", "{{no.such}}",
        "\"{{randomizer.number(1, 99999999999)}}\"", "\"{{lorem.words(2147483647)}}\"", "$.", "$..", "$[", "$.a[999999999999]",
    ];

    private static readonly string[] Keys =
    [
        "name", "description", "seed", "providers", "kind", "port", "streaming", "api_keys", "status_page", "tool_calls", "timeline", "duration",
        "faults", "rate", "ramp", "flap", "on", "off", "from", "to", "route", "model", "status", "retry_after", "delay", "message", "target",
        "url", "load", "request", "method", "path", "json", "headers", "timeout", "max_concurrency", "fallback", "header", "value",
        "workflows", "steps", "capture", "checks", "variables", "simulations", "expect", "lag", "mode", "overload", "think_time",
        "iterations_for_inject", "<<", "", " ", "-",
    ];

    private static readonly string[] Operators = ["<", "<=", ">", ">=", "==", "=", "!=", "=>", "<<", "", " ", "≥"];

    private static readonly string[] Thresholds =
    [
        "90%", "100%", "101%", "-5%", "0.5", "2s", "1.5s", "500ms", "99999999999h", "1e999", "1e-999", "NaN", "%", "95%%", "2", "-0", "∞",
        "1e309ms", "0x10", "9999999999999999999999999%", "ms", "s", "", "😀",
    ];

    private readonly IReadOnlyList<string> _seeds = seeds;

    /// <summary>Case <paramref name="index"/> of the run seeded <paramref name="runSeed"/>: the text, and what was done to it.</summary>
    public (string Yaml, string Recipe) Case(int runSeed, int index)
    {
        // Not HashCode.Combine, which is seeded per process: a case must replay in any run.
        var random = new Random(unchecked((runSeed * 1_000_003) + index));
        if (random.Next(10) == 0) return (RandomScenario(random), "random scenario");
        var text = _seeds[random.Next(_seeds.Count)];
        var recipe = new List<string>();
        for (var steps = 1 + random.Next(4); steps > 0; steps--)
        {
            var (mutated, name) = Mutate(text, random);
            text = mutated;
            recipe.Add(name);
        }
        return (text, string.Join(" + ", recipe));
    }

    private static (string Text, string Name) Mutate(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        switch (random.Next(17))
        {
            case 0:
                lines.RemoveAt(random.Next(lines.Count));
                return (Join(lines), "delete a line");
            case 1:
                var copied = random.Next(lines.Count);
                lines.Insert(random.Next(lines.Count + 1), lines[copied]);
                return (Join(lines), "duplicate a line");
            case 2:
                var (a, b) = (random.Next(lines.Count), random.Next(lines.Count));
                (lines[a], lines[b]) = (lines[b], lines[a]);
                return (Join(lines), "swap two lines");
            case 3:
                var line = random.Next(lines.Count);
                lines[line] = random.Next(2) == 0 ? new string(' ', 1 + random.Next(6)) + lines[line] : lines[line].TrimStart();
                return (Join(lines), "re-indent a line");
            case 4:
                return (Flip(text, random), "flip characters");
            case 5:
                return (InsertAt(text, random, Pick(random, Syntax)), "insert YAML syntax");
            case 6:
                return (ReplaceOne(text, random, Digits(), Pick(random, Numbers)), "huge or odd number");
            case 7:
                return (ReplaceOne(text, random, DurationPattern(), Pick(random, Durations)), "huge or odd duration");
            case 8:
                return (InsertAt(text, random, Pick(random, Unicode)), "odd unicode");
            case 9:
                return (ReplaceValue(lines, random, Nesting(random)), "deep nesting");
            case 10:
                return (ReplaceValue(lines, random, Pick(random, Values)), "replace a value");
            case 11:
                return (ReplaceKey(lines, random), "replace a key");
            case 12:
                return (Expectations(lines, random), "made-up expectations");
            case 13:
                return (text[..random.Next(text.Length + 1)], "cut short");
            case 14:
                return (ReplaceValue(lines, random, new string((char)random.Next('!', '~' + 1), 1 + random.Next(random.Next(2) == 0 ? 80 : 70_000))), "long value");
            case 15:
                return (Anchors(text, random), "anchors and aliases");
            default:
                var garbage = new string([.. Enumerable.Range(0, 1 + random.Next(40)).Select(_ => (char)random.Next(1, 128))]);
                lines.Insert(random.Next(lines.Count + 1), garbage);
                return (Join(lines), "garbage line");
        }
    }

    // A made-up file from scenario keys: mappings and lists nested at random, scalars from every pool.
    private static string RandomScenario(Random random)
    {
        var text = new StringBuilder();
        void Node(int indent, int depth)
        {
            var pad = new string(' ', indent);
            var entries = 1 + random.Next(5);
            var asList = random.Next(3) == 0;
            for (var i = 0; i < entries; i++)
            {
                text.Append(pad).Append(asList ? "- " : "").Append(Pick(random, Keys)).Append(':');
                if (depth < 6 && random.Next(3) == 0)
                {
                    text.Append('\n');
                    Node(indent + 2 + (asList ? 2 : 0), depth + 1);
                }
                else
                {
                    text.Append(' ').Append(random.Next(4) switch
                    {
                        0 => Pick(random, Numbers),
                        1 => Pick(random, Durations),
                        2 => Pick(random, Values),
                        _ => Pick(random, Unicode),
                    }).Append('\n');
                }
            }
        }
        Node(0, 0);
        return text.ToString();
    }

    private static string Flip(string text, Random random)
    {
        if (text.Length == 0) return Pick(random, Syntax);
        var chars = text.ToCharArray();
        for (var flips = 1 + random.Next(8); flips > 0; flips--)
        {
            var pool = Pick(random, Syntax);
            chars[random.Next(chars.Length)] = random.Next(3) == 0 ? (char)random.Next(0, 0x3000) : pool.Length == 0 ? ' ' : pool[0];
        }
        return new string(chars);
    }

    private static string InsertAt(string text, Random random, string what) => text.Insert(random.Next(text.Length + 1), what);

    private static string ReplaceOne(string text, Random random, Regex pattern, string with)
    {
        var matches = pattern.Matches(text);
        if (matches.Count == 0) return InsertAt(text, random, with);
        var match = matches[random.Next(matches.Count)];
        return string.Concat(text.AsSpan(0, match.Index), with, text.AsSpan(match.Index + match.Length));
    }

    // The value of a random "key: value" line, or a new key holding it.
    private static string ReplaceValue(List<string> lines, Random random, string value)
    {
        var withValues = lines.Select((l, i) => (l, i)).Where(x => x.l.Contains(": ", StringComparison.Ordinal)).Select(x => x.i).ToArray();
        if (withValues.Length == 0)
        {
            lines.Add($"{Pick(random, Keys)}: {value}");
            return Join(lines);
        }
        var at = withValues[random.Next(withValues.Length)];
        lines[at] = lines[at][..(lines[at].IndexOf(": ", StringComparison.Ordinal) + 2)] + value;
        return Join(lines);
    }

    private static string ReplaceKey(List<string> lines, Random random)
    {
        var keyed = lines.Select((l, i) => (l, i)).Where(x => x.l.TrimStart(' ', '-').Contains(':', StringComparison.Ordinal)).Select(x => x.i).ToArray();
        if (keyed.Length == 0) return Join(lines);
        var at = keyed[random.Next(keyed.Length)];
        var line = lines[at];
        var start = line.Length - line.TrimStart(' ', '-').Length;
        var colon = line.IndexOf(':', start);
        var key = line[start..colon];
        var replacement = random.Next(3) switch
        {
            0 when key.Length > 1 => key.Remove(random.Next(key.Length), 1), // a near miss
            1 => key.ToUpperInvariant(),
            _ => Pick(random, Keys),
        };
        lines[at] = line[..start] + replacement + line[colon..];
        return Join(lines);
    }

    // Replaces the file's expect list (or adds one) with made-up conditions: metric names, phases, steps, operators and thresholds at random.
    private static string Expectations(List<string> lines, Random random)
    {
        var at = lines.FindIndex(l => l.StartsWith("expect:", StringComparison.Ordinal));
        if (at >= 0) lines.RemoveRange(at, lines.Count - at);
        lines.Add("expect:");
        for (var n = 1 + random.Next(4); n > 0; n--)
        {
            var left = new StringBuilder();
            if (random.Next(3) == 0) left.Append(Pick(random, ["baseline", "outage", "storm", "recovery", "nowhere", "", "p95", "step"])).Append('.');
            if (random.Next(4) == 0) left.Append("step.").Append(Pick(random, ["ask", "history", "ask-and-read.ask", "nope", "", "a.b.c"])).Append('.');
            left.Append(random.Next(5) == 0
                ? Pick(random, ["p", "p0", "p100", "p100.1", "p99.99", "p-1", "p1e3", "ttfb_p95", "ttfb_p", "pp95", "p95.", "p٩٥"])
                : Pick(random, [.. ExpectationMetrics.All, .. ExpectationMetrics.AllStep]));
            var condition = $"{left} {Pick(random, Operators)} {Pick(random, Thresholds)}";
            if (random.Next(5) == 0) condition = Flip(condition, random);
            lines.Add("  - " + (random.Next(6) == 0 ? Pick(random, Values) : Quote(condition, random)));
        }
        return Join(lines);
    }

    private static string Quote(string condition, Random random) => random.Next(3) switch
    {
        0 => "\"" + condition.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        1 => "'" + condition.Replace("'", "''", StringComparison.Ordinal) + "'",
        _ => condition,
    };

    private static string Nesting(Random random)
    {
        var depth = random.Next(2) == 0 ? 10 + random.Next(60) : 60 + random.Next(2_000);
        return random.Next(3) switch
        {
            0 => new string('[', depth) + new string(']', depth),
            1 => string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth),
            _ => "\n" + string.Concat(Enumerable.Range(1, Math.Min(depth, 300)).Select(d => new string(' ', d * 2) + "k:\n")) + new string(' ', 602) + "v",
        };
    }

    // Anchors put on values and aliases to them put elsewhere, now and then aliases of aliases.
    private static string Anchors(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        var withValues = lines.Select((l, i) => (l, i)).Where(x => x.l.Contains(": ", StringComparison.Ordinal)).Select(x => x.i).ToArray();
        if (withValues.Length == 0) return text;
        for (var n = 1 + random.Next(4); n > 0; n--)
        {
            var at = withValues[random.Next(withValues.Length)];
            var colon = lines[at].IndexOf(": ", StringComparison.Ordinal) + 2;
            lines[at] = random.Next(2) == 0
                ? lines[at][..colon] + $"&a{n} " + lines[at][colon..]
                : lines[at][..colon] + $"[*a{random.Next(1, 5)}, *a{random.Next(1, 5)}, *a{random.Next(1, 5)}]";
        }
        return Join(lines);
    }

    private static string Pick(Random random, string[] pool) => pool[random.Next(pool.Length)];

    private static string Join(List<string> lines) => string.Join('\n', lines);

    [GeneratedRegex(@"\d+(\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();

    [GeneratedRegex(@"\d+(\.\d+)?(ms|s|m|h)\b", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    /// <summary>The seed from the environment, or a fixed one: the suite's runs replay the same cases.</summary>
    public static int RunSeed => int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : 20261203;
}
