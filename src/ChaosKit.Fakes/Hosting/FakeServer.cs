using System.Net;
using System.Net.Sockets;
using ChaosKit.Core.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseProviders;
using WireMock.Server;
using WireMock.Settings;

namespace ChaosKit.Fakes.Hosting;

/// <summary>Starts the WireMock server of one fake on loopback, with the settings a long load run needs.</summary>
internal static class FakeServer
{
    // Port 0 lets WireMock pick a free port; another process can grab it before Kestrel binds, so try again.
    private const int FreePortAttempts = 3;

    /// <summary>
    /// Starts a server for <paramref name="spec"/> whose every request goes to <paramref name="handler"/>.
    /// Blocks while Kestrel starts (WireMock's start is synchronous); call it off the caller's thread.
    /// </summary>
    /// <exception cref="ScenarioException">The port is out of range.</exception>
    /// <exception cref="PortInUseException">The port is already in use.</exception>
    /// <param name="spec">The provider.</param>
    /// <param name="index">Its position in the scenario, for error messages.</param>
    /// <param name="handler">Answers every request.</param>
    /// <param name="connectionFaults">The provider's connection faults, applied in the listener; <see langword="null"/> for none.</param>
    /// <param name="stopping">Fires when the fakes stop; ends connections held by a connection fault.</param>
    public static WireMockServer Start(
        ProviderSpec spec, int index, IResponseProvider handler, ConnectionFaultPlan? connectionFaults = null, CancellationToken stopping = default)
    {
        if (spec.Port is < 0 or > IPEndPoint.MaxPort)
            throw new ScenarioException(spec.Location, $"providers[{index}].port",
                $"provider '{spec.Name}' has port {spec.Port}; use a port from 1 to 65535, or 0 for a free one");
        // WireMock only reports a taken port after its whole start timeout (10 s); check first to fail at once.
        if (spec.Port != 0 && IsTaken(spec.Port)) throw new PortInUseException(spec, index);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var server = WireMockServer.Start(SettingsFor(spec.Port, handler, connectionFaults, stopping));
                server.Given(Request.Create().UsingAnyMethod()).RespondWith(handler);
                return server;
            }
            catch (Exception error) when (IsAddressInUse(error))
            {
                if (spec.Port == 0 && attempt < FreePortAttempts) continue;
                throw new PortInUseException(spec, index);
            }
        }
    }

    private static bool IsTaken(int port)
    {
        var probe = new TcpListener(IPAddress.Loopback, port);
        try
        {
            probe.Start();
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        finally
        {
            probe.Stop();
        }
    }

    private static WireMockServerSettings SettingsFor(
        int port, IResponseProvider handler, ConnectionFaultPlan? connectionFaults, CancellationToken stopping) => new()
    {
        AdditionalServiceRegistration = services =>
        {
            // Every call is answered at the very front of the pipeline, ahead of all of WireMock's middleware (its
            // exception handler, WebSockets, and the matcher that builds, matches and logs a request message per
            // call, which cost more than the answer). The WireMock mapping below stays as the documented route.
            if (handler is FakeRequestHandler fake) services.AddSingleton<IStartupFilter>(new AnswerFirst(fake));
            // No ASP.NET Core logging: with any logger on, the host opens a log scope and starts an Activity for every
            // call for logs nobody reads; the journal records every call instead.
            services.Configure<LoggerFilterOptions>(options => options.MinLevel = LogLevel.None);
            // Only fakes with connection faults get the wrapping transport; the others keep Kestrel's own, untouched.
            if (connectionFaults is null) return;
            var sockets = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), NullLoggerFactory.Instance);
            services.RemoveAll<IConnectionListenerFactory>();
            services.AddSingleton<IConnectionListenerFactory>(new FaultyListenerFactory(sockets, connectionFaults, stopping));
        },
        // WireMock binds 127.0.0.1 through Kestrel's ListenLocalhost, i.e. IPv4 and IPv6 loopback only.
        Urls = [$"http://127.0.0.1:{port}"],
        StartAdminInterface = false,
        // A run sends many thousands of calls; WireMock's own log would keep every one. The journal counts them.
        MaxRequestLogCount = 0,
        ReadStaticMappings = false,
        WatchStaticMappings = false,
        SaveUnmatchedRequests = false,
        // The protocols parse the raw bytes themselves; skip WireMock's Newtonsoft parse of every body.
        DisableJsonBodyParsing = true,
        Logger = new WireMockNullLogger(),
    };

    private static bool IsAddressInUse(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }) return true;
            if (e is AddressInUseException) return true;
        }
        return false;
    }

    /// <summary>Mounts the fake's handler as the first and only middleware that sees a call.</summary>
    private sealed class AnswerFirst(FakeRequestHandler handler) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Run(handler.InvokeAsync);
            // WireMock's own pipeline is still built (it expects to be), but no call reaches it.
            next(app);
        };
    }
}
