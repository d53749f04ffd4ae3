using System.Text;
using System.Text.RegularExpressions;

namespace ChaosKit.Cli.Commands;

/// <summary>
/// The scenario <c>chaoskit init</c> writes: the app's providers, a baseline, an outage of the first provider (with a
/// brownout of the others, so a fallback to them is tested too) and a recovery, a steady load, and expectations; every
/// part commented with what to change. The bundled scenarios show more; docs/scenarios.md describes every field.
/// </summary>
internal static partial class StarterScenario
{
    // Each kind's fake, named as its faults will refer to it.
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["anthropic"] = "claude",
        ["azure_openai"] = "azure",
    };

    /// <summary>Where the user's app runs (<paramref name="Url"/>), or how ChaosKit starts it (<paramref name="Command"/>); neither for the bundled sample app.</summary>
    public sealed record Target(Uri? Url, string? Command);

    /// <summary>The YAML text; <paramref name="name"/> is made a valid scenario name (letters, digits, - and _).</summary>
    public static string Write(string name, IReadOnlyList<string> kinds, Target target)
    {
        var providers = kinds.Select(kind => (Kind: kind, Name: Names.GetValueOrDefault(kind) ?? kind.Replace('_', '-'))).ToArray();
        var first = providers[0].Name;
        var yaml = new StringBuilder();
        yaml.Append($"""
            # A starter scenario written by `chaoskit init`. Check it with `chaoskit validate`, run it with `chaoskit run`.
            # Every field is described in ChaosKit's docs/scenarios.md.
            name: {ScenarioName(name)}
            description: >-
              {first} answers normally, then is overloaded (and slow) for a minute, every call refused, then recovers.
              Does the app keep answering, how slow does it get, and does it come back?
            seed: 1                    # every random choice of the run draws from it: the same seed replays the same run

            # The fake providers. Point your app at them: `chaoskit serve` prints the variables
            # (e.g. ANTHROPIC_BASE_URL, OPENAI_BASE_URL), and `chaoskit run` gives them to the bundled sample app.
            providers:

            """);
        foreach (var (kind, providerName) in providers)
            yaml.Append($"  - name: {providerName}\n    kind: {kind}\n");
        yaml.Append($"""

            timeline:
              - name: baseline         # the phase every other one is scored against
                duration: 30s
              - name: outage
                duration: 60s
                faults:
                  - kind: latency      # slow before it fails, as real outages often are
                    provider: {first}
                    delay: 300ms
                  - kind: overloaded   # the provider's own overload error (Anthropic 529, the others 503)
                    provider: {first}
                    rate: 1.0          # every call; 0.3 for a brownout

            """);
        foreach (var (_, providerName) in providers.Skip(1))
        {
            // Said once, above the first of them.
            var why = providerName == providers[1].Name ? "   # the other providers strain under the traffic that moves to them" : "";
            yaml.Append($"""
                      - kind: rate_limit{why}
                        provider: {providerName}
                        rate: 0.2
                        retry_after: 2s

                """);
        }
        yaml.Append("""
              - name: recovery
                duration: 30s

            """);
        yaml.Append(target switch
        {
            { Command: { } command } => $$"""

              target:                  # ChaosKit starts your app for each run, and stops it after
                command: '{{command.Replace("'", "''", StringComparison.Ordinal)}}'
                # cwd: ../myapp          # the folder it runs in, relative to this file (default: this file's folder)
                # env:                   # more variables; it already gets the fakes' URLs and keys, and PORT to listen on
                #   LLM_URL: ${ANTHROPIC_BASE_URL}
                ready: { path: /, timeout: 60s }   # started once this path answers 2xx; /healthz if your app has one
              {{(target.Url is { } url ? $"  url: {url}\n" : "")}}
              """,
            { Url: null } => """

              # No target: ChaosKit starts its bundled sample app (which calls Anthropic). For your own app, uncomment:
              # target:
              #   url: http://127.0.0.1:5000
              #   health_path: /healthz    # a cheap route the run probes every second

              """,
            { Url: { } url } => $"""

              target:
                url: {url}
                # health_path: /healthz    # a cheap route the run probes every second (default: the URL itself)

              """,
        });
        yaml.Append("""

            load:
              rate: 5                  # arrivals a second, whatever the app's speed
              timeout: 30s             # a request that takes longer counts as a timeout
              request:                 # change to the route of your app that calls the provider
                method: POST
                path: /api/ask
                json:
                  question: "{{lorem.sentence}}"
              # If your app answers from a fallback when the provider fails, say how it marks such an answer:
              fallback:
                header: X-Answer-Source
                value: fallback

            expect:                    # decide the exit code: 0 when all hold, 1 when one fails
              - score >= 60
              - outage.availability >= 95%
              - recovery.p95 < 2s

            """);
        return yaml.ToString();
    }

    // Letters, digits, - and _, starting with a letter or digit, at most 100 characters (a scenario name names its
    // report folder).
    private static string ScenarioName(string name)
    {
        var clean = NotAllowed().Replace(name, "-").Trim('-', '_');
        if (clean.Length > 100) clean = clean[..100];
        return clean.Length == 0 ? "my-outage" : clean;
    }

    [GeneratedRegex("[^A-Za-z0-9_-]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotAllowed();
}
