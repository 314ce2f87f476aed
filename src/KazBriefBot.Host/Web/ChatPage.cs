using System.Security.Cryptography;
using System.Text;

namespace KazBriefBot.Host.Web;

/// <summary>Serves the chat page at / with its script and style; everything is in the assembly, so the page works offline.</summary>
internal static class ChatPage
{
    // Only this origin's own script and style: no inline code, no external scripts, fonts or images.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly Asset[] Assets =
    [
        new("/", "text/html; charset=utf-8", ChatPageAssets.Html),
        new("/app.js", "text/javascript; charset=utf-8", ChatPageAssets.Script),
        new("/app.css", "text/css; charset=utf-8", ChatPageAssets.Style),
    ];

    public static void Map(WebApplication app)
    {
        foreach (var asset in Assets)
        {
            app.MapGet(asset.Path, (HttpContext http) => asset.Write(http)).ExcludeFromDescription();
        }
    }

    private sealed class Asset(string path, string contentType, string text)
    {
        private readonly byte[] _bytes = Encoding.UTF8.GetBytes(text);
        private readonly string _etag = "\"" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16] + "\"";

        public string Path => path;

        public async Task Write(HttpContext http)
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "no-cache";
            headers.ETag = _etag;
            if (http.Request.Headers.IfNoneMatch == _etag)
            {
                http.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            http.Response.ContentType = contentType;
            http.Response.ContentLength = _bytes.Length;
            await http.Response.Body.WriteAsync(_bytes, http.RequestAborted);
        }
    }
}
