using System.Diagnostics;
using ChaosKit.Core.Loading;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Core.Tests;

/// <summary>Input built to crash, hang or exhaust the loader is one clear error naming the file (and line).</summary>
public class HostileInputTests
{
    // The loader tests' valid scenario, one mistake away from each case here.
    private const string Valid = ScenarioLoaderTests.Valid;

    private static ScenarioException Error(string yaml) => Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "h.yaml", ScenarioCatalogs.None));

    /// <summary>Nine levels of nine aliases each: under 2 KB that stand for 387 million values.</summary>
    public static string AliasBomb()
    {
        var lines = new List<string> { "      l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]" };
        for (var i = 1; i < 10; i++) lines.Add($"      l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]");
        return Valid.Replace("      max_tokens: 200", "      max_tokens: 200\n" + string.Join('\n', lines));
    }

    [Fact]
    public void An_alias_bomb_is_refused_before_it_expands()
    {
        var yaml = AliasBomb();
        Assert.True(yaml.Length < 2_000, $"{yaml.Length} characters");
        var clock = Stopwatch.StartNew();

        var error = Error(yaml);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Matches(@"^h\.yaml:\d+:\d+: the file stands for more than 100000 values once its aliases are followed", error.Message);
    }

    [Fact]
    public void Aliases_that_stay_small_still_read()
    {
        var yaml = Valid.Replace("      max_tokens: 200", "      max_tokens: &q 200\n      again: *q");

        var json = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(ScenarioLoader.Parse(yaml, "h.yaml", ScenarioCatalogs.None).Load!.Request.Json);

        Assert.Equal(200L, json["again"]);
    }

    [Fact]
    public void Deep_nesting_is_refused_before_the_parser_recurses()
    {
        var yaml = Valid.Replace("max_tokens: 200", "max_tokens: " + string.Concat(Enumerable.Repeat("{a: ", 20_000)) + "1" + new string('}', 20_000));

        var error = Error(yaml);

        Assert.Matches(@"^h\.yaml:24:\d+: mappings and lists nest more than 64 levels deep here", error.Message);
    }

    [Theory]
    [InlineData("      loop: &a [1, *a]")] // a list holding itself: reading it recursed until the stack overflowed (found by ScenarioFuzzTests)
    [InlineData("      old: &a 1\n      loop: &a {k: *a}")] // a new anchor of an old name hides the old value
    [InlineData("      early: [*b]\n      b: &b [1]")] // an alias before its anchor escaped the count of values
    public void An_alias_inside_or_before_the_value_it_names_is_invalid_yaml_with_a_line(string lines)
    {
        var error = Error(Valid.Replace("max_tokens: 200", "max_tokens: 200\n" + lines));

        Assert.Matches(@"^h\.yaml:\d+:\d+: invalid YAML: the alias \*[ab] comes before the value anchored &[ab], or inside it", error.Message);
    }

    [Fact]
    public void An_alias_bomb_written_backwards_is_refused_before_it_expands()
    {
        // The alias bomb's lines in reverse order: each alias names an anchor written after it.
        var bomb = AliasBomb();
        var lines = bomb.Split('\n');
        var first = Array.FindIndex(lines, l => l.Contains("l0: &l0", StringComparison.Ordinal));
        Array.Reverse(lines, first, 10);

        var error = Error(string.Join('\n', lines));

        Assert.Contains("comes before the value anchored", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_item_with_a_value_but_no_key_is_invalid_yaml_with_a_line()
    {
        // YamlDotNet reads "- : x" as a mapping of one node, and its representation model then threw an ArgumentException.
        var error = Error(Valid.Replace("max_tokens: 200", "max_tokens: 200\n      list:\n        -  : x"));

        Assert.Matches(@"^h\.yaml:\d+:\d+: invalid YAML: a mapping here has a value without its key", error.Message);
    }

    [Fact]
    public void A_stray_brace_pair_in_a_flow_mapping_is_invalid_yaml_with_a_line()
    {
        var error = Error(Valid.Replace("max_tokens: 200", "max_tokens: { a: {{x }"));

        Assert.Matches(@"^h\.yaml:24:\d+: invalid YAML: ", error.Message);
        Assert.Contains("quote a value", error.Message);
    }

    [Fact]
    public void A_file_over_a_mebibyte_is_refused_by_size()
    {
        var error = Error(Valid + "# " + new string('x', 1 << 20) + "\n");

        Assert.Equal("h.yaml: the file holds more than 1048576 characters (1 MiB), the most a scenario file may hold", error.Message);
    }

    [Fact]
    public async Task A_file_over_a_mebibyte_is_read_no_further_than_the_limit()
    {
        var path = Path.Combine(Path.GetTempPath(), $"chaoskit-big-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, Valid + "# " + new string('x', 4 << 20) + "\n");
        try
        {
            var error = await Assert.ThrowsAsync<ScenarioException>(() => ScenarioLoader.LoadAsync(path, ScenarioCatalogs.None));

            Assert.StartsWith($"{path}: the file holds more than 1048576 characters", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_year_is_the_longest_duration_and_a_score_is_out_of_100()
    {
        Assert.True(DurationParser.TryParse("8760h", out var year));
        Assert.Equal(TimeSpan.FromDays(365), year);
        Assert.False(DurationParser.TryParse("8760h1ms", out _));
        Assert.Contains("is not a valid value for score", Error(Valid.Replace("score >= 60", "score >= 101")).Message);
    }

    [Fact]
    public void A_scenario_name_is_at_most_100_characters_so_its_report_folder_can_be_made()
    {
        var longest = new string('a', 100);
        Assert.Equal(longest, ScenarioLoader.Parse(Valid.Replace("name: demo", $"name: {longest}"), "h.yaml", ScenarioCatalogs.None).Name);

        var error = Error(Valid.Replace("name: demo", $"name: {new string('a', 300)}"));

        Assert.Equal("h.yaml:1:7: name: the name is 300 characters long; use at most 100 (it names the report folder, with the time appended)", error.Message);
    }

    [Fact]
    public void A_value_with_a_line_break_is_shown_escaped_so_each_problem_stays_one_line()
    {
        var error = Error(Valid.Replace("duration: 10s", "duration: \"ten\\nseconds\""));

        Assert.Contains("'ten\\nseconds' is not a duration", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
