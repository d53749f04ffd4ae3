using System.Globalization;
using ChaosKit.Load.Benchmarks;

// serve:              a bare Kestrel endpoint (GET /hello → "ok") on loopback; prints its URL, runs until stdin closes.
// max URL COPIES S:   the engine's closed model (keep_constant COPIES for S seconds): its sustained requests/s.
// rate URL RPS S:     the engine's open model (inject RPS a second for S seconds): achieved ÷ target and dispatch lag.
return args switch
{
    ["serve"] => await BareServer.ServeAsync(),
    ["max", var url, var copies, var seconds] => await EngineBench.MaxAsync(new Uri(url), Int(copies), Int(seconds)),
    ["rate", var url, var rps, var seconds] => await EngineBench.RateAsync(new Uri(url), Int(rps), Int(seconds)),
    _ => Usage(),
};

static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

static int Usage()
{
    Console.Error.WriteLine("usage: ChaosKit.Load.Benchmarks serve | max URL COPIES SECONDS | rate URL RPS SECONDS");
    return 2;
}
