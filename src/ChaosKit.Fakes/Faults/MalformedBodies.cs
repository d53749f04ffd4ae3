using System.Text;
using Microsoft.AspNetCore.Http;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// The bodies of <see cref="MalformedFault"/>, each written whole (status, headers, body) before any stream starts.
/// The JSON ones start from a success body in the provider's own shape, so a client's parser fails part-way
/// through a real-looking answer; the HTML ones are the pages an edge in front of the API sends.
/// </summary>
internal static class MalformedBodies
{
    /// <summary>Every <c>body</c> the fault accepts.</summary>
    public static readonly string[] Names = ["truncated_json", "invalid_json", "empty", "wrong_content_type", "html_502", "html_503", "edge_530"];

    // Cloudflare's own 502 page, as clients of Cloudflare-fronted APIs (OpenAI, Anthropic) log it.
    private const string Cloudflare502 =
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n" +
        "<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n";

    // An nginx load balancer with no healthy upstream.
    private const string Nginx503 =
        "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n" +
        "<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    /// <summary>Writes the body named <paramref name="name"/> for the call in <paramref name="context"/>.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="context">The call.</param>
    /// <param name="ray">The <c>cf-ray</c> id of edge pages.</param>
    /// <param name="ct">Fires when the client hangs up.</param>
    public static Task WriteAsync(string name, FaultContext context, string ray, CancellationToken ct)
    {
        var exchange = context.Exchange;
        var sample = context.Provider.SuccessSampleOf(exchange.Model, exchange.Streaming);
        var response = exchange.Response;
        return name switch
        {
            // Cut at the middle: a body that framed correctly (Content-Length matches) yet parses to nothing.
            "truncated_json" => SendAsync(response, 200, sample.ContentType, sample.Body[..(sample.Body.Length / 2)], ct),
            "invalid_json" => SendAsync(response, 200, sample.ContentType, sample.Broken, ct),
            "empty" => SendAsync(response, 200, "application/json", "", ct),
            // A plain call gets its JSON as text; a streamed call gets a plain JSON answer instead of an event stream.
            "wrong_content_type" => exchange.Streaming
                ? SendAsync(response, 200, "application/json", context.Provider.SuccessSampleOf(exchange.Model, streaming: false).Body, ct)
                : SendAsync(response, 200, "text/plain; charset=utf-8", sample.Body, ct),
            "html_502" => EdgeAsync(response, 502, Cloudflare502, ray, ct),
            "html_503" => NginxAsync(response, ct),
            _ => EdgeAsync(response, 530, Origin530(context.Provider.ApiHost, ray), ray, ct),
        };
    }

    private static Task EdgeAsync(HttpResponse response, int status, string html, string ray, CancellationToken ct)
    {
        var headers = response.Headers;
        headers.Server = "cloudflare";
        headers["cf-ray"] = ray;
        headers.CacheControl = "private, max-age=0, no-store, no-cache, must-revalidate, post-check=0, pre-check=0";
        headers.Expires = "Thu, 01 Jan 1970 00:00:01 GMT";
        headers["x-frame-options"] = "SAMEORIGIN";
        headers["referrer-policy"] = "same-origin";
        return SendAsync(response, status, "text/html; charset=UTF-8", html, ct);
    }

    private static Task NginxAsync(HttpResponse response, CancellationToken ct)
    {
        response.Headers.Server = "nginx";
        return SendAsync(response, 503, "text/html", Nginx503, ct);
    }

    // Cloudflare's 530 (error 1016, origin DNS error), as OpenAI's clients saw it in incidents
    // (docs/providers.md#edge-errors).
    private static string Origin530(string host, string ray) =>
        "<!DOCTYPE html>\n<!--[if lt IE 7]> <html class=\"no-js ie6 oldie\" lang=\"en-US\"> <![endif]-->\n" +
            "<html class=\"no-js\" lang=\"en-US\">\n<head>\n" +
            $"<title>{host} | 530: Origin DNS error</title>\n" +
            "<meta charset=\"UTF-8\" />\n<meta name=\"robots\" content=\"noindex, nofollow\" />\n</head>\n<body>\n" +
            "<div id=\"cf-wrapper\">\n<div id=\"cf-error-details\" class=\"cf-error-details-wrapper\">\n" +
            "<h1 data-translate=\"error_title\">Error 1016</h1>\n" +
            $"<span class=\"cf-subheadline\">Origin DNS error</span>\n<span class=\"cf-footer-item\">Ray ID: <strong>{ray[..16]}</strong></span>\n" +
            "<p>You've requested a page on a website that is part of the Cloudflare network. Cloudflare is currently unable to resolve your requested domain.</p>\n" +
            "</div>\n</div>\n</body>\n</html>\n";

    private static async Task SendAsync(HttpResponse response, int status, string contentType, string body, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = bytes.Length;
        if (bytes.Length > 0) await response.Body.WriteAsync(bytes, ct);
    }
}
