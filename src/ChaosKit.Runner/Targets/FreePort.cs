using System.Net;
using System.Net.Sockets;

namespace ChaosKit.Runner.Targets;

/// <summary>Finds a free loopback port for a child process that must be told its port up front.</summary>
internal static class FreePort
{
    /// <summary>
    /// Asks the OS for a free port and releases it. Another process could take it before the child binds it; the
    /// window is milliseconds, and the child's failure to bind is reported as a target crash with its log.
    /// </summary>
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
