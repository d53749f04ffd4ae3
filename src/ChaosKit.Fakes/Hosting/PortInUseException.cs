using ChaosKit.Core.Scenarios;

namespace ChaosKit.Fakes.Hosting;

/// <summary>
/// A fake cannot listen on the port its provider asks for, because something else already does. The scenario is
/// valid; the machine is not ready for it, so a run ends as a harness failure, not as invalid input. The message is
/// one line naming the setting (file, line, field), the port and the fix.
/// </summary>
public sealed class PortInUseException : IOException
{
    /// <summary>Creates the error for the provider <paramref name="spec"/>, the <paramref name="index"/>-th of the scenario.</summary>
    public PortInUseException(ProviderSpec spec, int index)
        : base(new ScenarioProblem(spec?.Location ?? SourceLocation.None, $"providers[{index}].port",
            $"provider '{spec?.Name}' cannot listen on 127.0.0.1:{spec?.Port} because the port is already in use; " +
            "choose another port or 0 for a free one").ToString())
    {
        ArgumentNullException.ThrowIfNull(spec);
        Port = spec.Port;
    }

    /// <summary>The port that is taken.</summary>
    public int Port { get; }
}
