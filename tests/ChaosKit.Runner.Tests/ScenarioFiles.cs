namespace ChaosKit.Runner.Tests;

/// <summary>Short scenarios written to a temporary folder, so end-to-end tests stay a few seconds each.</summary>
internal sealed class ScenarioFiles : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("chaoskit-runner-").FullName;

    public string Write(string yaml, string name = "scenario.yaml")
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    public string Out(string name) => Path.Combine(Folder, name);

    public static string Outage(string phaseDuration = "1500ms", double rate = 20, string expect = "", string port = "0", string target = "") => $$$"""
        name: short-outage
        seed: 5
        providers:
          - name: claude
            kind: anthropic
            port: {{{port}}}
        timeline:
          - name: baseline
            duration: {{{phaseDuration}}}
          - name: outage
            duration: {{{phaseDuration}}}
            faults:
              - kind: error
                provider: claude
                status: 529
                should_retry: false
          - name: recovery
            duration: {{{phaseDuration}}}
        {{{target}}}
        load:
          rate: {{{rate}}}
          timeout: 10s
          request:
            method: POST
            path: /api/ask
            json:
              question: "{{lorem.sentence}}"
          fallback:
            header: X-Answer-Source
            value: fallback
        expect:
          - outage.availability >= 95%
        {{{expect}}}
        """;

    /// <summary><paramref name="yaml"/> with its <c>load</c> section taken out (up to <c>expect:</c>).</summary>
    public static string WithoutLoad(string yaml)
    {
        var start = yaml.IndexOf("load:", StringComparison.Ordinal);
        return yaml[..start] + yaml[yaml.IndexOf("expect:", start, StringComparison.Ordinal)..];
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying child process; the OS temp cleaner gets it.
        }
    }
}
