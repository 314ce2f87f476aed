using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KazBriefBot.Host.Tests.Infrastructure;

/// <summary>Throwaway Kestrel servers on 127.0.0.1 for the fakes of remote services and for the host under test.</summary>
internal static class LocalServer
{
    /// <summary>A slim app that will listen over http on a free loopback port, with its logging off.</summary>
    public static WebApplication CreateHttp()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    /// <summary>The addresses a started app listens on (the ports Kestrel picked).</summary>
    public static ICollection<string> AddressesOf(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
}
