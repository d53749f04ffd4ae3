using ChaosKit.Fakes.Benchmarks;

// serve-json: start a ChaosKit OpenAI fake (journal on) and a bare Kestrel endpoint returning the same bytes, print
//             their URLs, and run until stdin closes; run.sh drives both with wrk.
// streams N:  open N paced streams (10 chunks/s) to each and print the inter-chunk gap percentiles.
// parts:      time each part of the fake's work for one call, in process.
// stream-client N: the streams benchmark's client, run by "streams N" in a process of its own.
return args switch
{
    ["serve-json"] => await JsonBench.ServeAsync(),
    ["streams", var n] => await StreamBench.RunAsync(int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)),
    ["stream-client", var n] => await StreamBench.ClientAsync(int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)),
    ["parts"] => await PartsBench.RunAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ChaosKit.Fakes.Benchmarks serve-json | streams N | parts");
    return 2;
}
