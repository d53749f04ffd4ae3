using ChaosKit.Testing;
using ChaosKit.Testing.XunitV3;
using ChatApp.XunitV3.Tests;

// One set of fakes for the whole test assembly (xunit.v3's assembly fixture): every class that asks for it shares it.
[assembly: AssemblyFixture(typeof(ChatOutage))]

namespace ChatApp.XunitV3.Tests;

/// <summary>The fakes of the scenario file beside the tests, with the timeline held at its first phase.</summary>
public sealed class ChatOutage : ChaosFakesFixture
{
    protected override ChaosScenario CreateScenario() => ChaosScenario.FromFile("chat-outage.yaml");
}
