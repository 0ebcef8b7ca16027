using System.Net;
using System.Net.Sockets;

namespace Specwright.TestSupport;

/// <summary>A loopback port nobody listens on right now, for a server started as a separate process.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
