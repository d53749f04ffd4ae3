using System.Collections.Concurrent;
using Bogus;

namespace ChaosKit.Load.Requests;

/// <summary>
/// Everything random about one iteration derives from (scenario seed, iteration number) through SplitMix64,
/// so the same seed replays the same requests and trace ids whatever the thread or timing.
/// </summary>
internal static class IterationRandom
{
    /// <summary>Bogus dates ("date.past") are relative to this instant instead of the wall clock, so they replay too.</summary>
    public static readonly DateTime DateReference = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    // A new Faker costs milliseconds (it wires up every dataset); reseeding one costs microseconds.
    private static readonly ConcurrentBag<Faker> Fakers = [];

    /// <summary>A well-mixed 64-bit value for (seed, iteration, lane); lanes give independent streams.</summary>
    public static ulong Mix(int seed, long iteration, ulong lane)
    {
        var x = ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)iteration * 0xBF58476D1CE4E5B9UL) ^ (lane * 0x94D049BB133111EBUL);
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>A Faker seeded for iteration <paramref name="iteration"/>; hand it back with <see cref="Return"/>.</summary>
    public static Faker RentFaker(int seed, long iteration)
    {
        if (!Fakers.TryTake(out var faker)) faker = new Faker("en");
        faker.Random = new Randomizer((int)Mix(seed, iteration, lane: 0));
        faker.DateTimeReference = DateReference;
        return faker;
    }

    /// <summary>
    /// Fills the pool up to <paramref name="count"/> Fakers ahead of a run, so the first second of load does not pay
    /// milliseconds per Faker on the thread pool, which shows up as dispatch delay.
    /// </summary>
    public static void Prewarm(int count)
    {
        for (var i = Fakers.Count; i < count; i++) Fakers.Add(new Faker("en"));
    }

    /// <summary>Returns a Faker to the pool.</summary>
    public static void Return(Faker faker) => Fakers.Add(faker);

    /// <summary>
    /// A W3C trace context header, <c>00-{trace id}-{parent id}-01</c>, fresh per iteration and reproducible from the seed,
    /// so the fake providers' journal can attribute each provider call to the iteration that caused it.
    /// </summary>
    public static string TraceParent(int seed, long iteration) => TraceParent(seed, iteration, step: 0);

    /// <summary>
    /// The <c>traceparent</c> of step <paramref name="step"/> of an iteration: the iteration's one trace id, with a parent
    /// id of its own per step (step 0's equals <see cref="TraceParent(int, long)"/>), so every step joins the same trace.
    /// </summary>
    public static string TraceParent(int seed, long iteration, int step)
    {
        var high = Mix(seed, iteration, lane: 1);
        var low = Mix(seed, iteration, lane: 2);
        var span = Mix(seed, iteration, lane: 3 + (ulong)(uint)step * 16);
        if (high == 0 && low == 0) low = 1; // all-zero ids are invalid
        if (span == 0) span = 1;
        return $"00-{high:x16}{low:x16}-{span:x16}-01";
    }
}
