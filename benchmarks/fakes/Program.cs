using ChaosKit.Fakes.Benchmarks;

// serve-json: start a ChaosKit OpenAI fake (journal on) and a bare Kestrel endpoint returning the same bytes, print
//             their URLs, and run until stdin closes; run.sh drives both with wrk.
// streams N:  open N paced streams (10 chunks/s) to each and print the inter-chunk gap percentiles.
// parts:      time each part of the fake's work for one call, in process.
// profile-call S: only the fake's handler on in-memory calls for S seconds, for a profiler (perf) to watch.
// stream-client N: the streams benchmark's client, run by "streams N" in a process of its own.
return args switch
{
    ["serve-json"] => await JsonBench.ServeAsync(),
    ["streams", var n] => await StreamBench.RunAsync(int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)),
    ["stream-client", var n] => await StreamBench.ClientAsync(int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)),
    ["parts"] => await PartsBench.RunAsync(),
    ["profile-call", var s] => await PartsBench.ProfileAsync(int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ChaosKit.Fakes.Benchmarks serve-json | streams N | parts | profile-call SECONDS");
    return 2;
}
