using System.Globalization;

namespace SignalWire.Emulator.Api;

/// <summary>
/// SignalWire's cursor paging: <c>Page</c> (0-based), <c>PageSize</c> (default 50, max 1000) and a <c>PageToken</c>
/// required when Page &gt; 0; clients follow <c>next_page_uri</c>, which keeps the filters.
/// </summary>
internal static class Paging
{
    public static IResult Page<T>(HttpRequest request, IReadOnlyList<T> items, Func<T, string> sid, string key, Func<T, object> render)
    {
        var query = request.Query;
        var pageSize = 50;
        if (query.TryGetValue("PageSize", out var sizeText)
            && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 1000))
        {
            return Errors.Standard(400, 54454, "Invalid PageSize: must be between 1 and 1000");
        }

        var page = 0;
        if (query.TryGetValue("Page", out var pageText) && !int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page))
        {
            return Errors.Standard(400, 10000, "Invalid Page");
        }

        var start = 0;
        var token = query["PageToken"].ToString();
        if (page > 0)
        {
            if (!token.StartsWith("PA", StringComparison.Ordinal))
            {
                return Errors.Standard(400, 54453, "PageToken is required when Page is greater than 0");
            }

            var after = token[2..];
            var index = items.Select(sid).ToList().IndexOf(after);
            if (index < 0)
            {
                return Errors.Standard(400, 21481, "Invalid PageToken");
            }

            start = index + 1;
        }

        var slice = items.Skip(start).Take(pageSize).ToList();
        var filters = string.Concat(query
            .Where(q => q.Key is not ("Page" or "PageSize" or "PageToken"))
            .SelectMany(q => q.Value.Select(v => "&" + Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(v ?? ""))));
        var path = request.Path.Value;
        string PageUri(int number, string? pageToken) =>
            string.Create(CultureInfo.InvariantCulture, $"{path}?Page={number}&PageSize={pageSize}{(pageToken is null ? "" : "&PageToken=" + pageToken)}{filters}");

        var hasNext = start + slice.Count < items.Count;
        var body = new Dictionary<string, object?>
        {
            ["uri"] = PageUri(page, page > 0 ? token : null),
            ["first_page_uri"] = PageUri(0, null),
            ["next_page_uri"] = hasNext ? PageUri(page + 1, "PA" + sid(slice[^1])) : null,
            ["previous_page_uri"] = page > 0 ? PageUri(page - 1, null) : null,
            ["page"] = page,
            ["page_size"] = pageSize,
            ["start"] = start,
            ["end"] = start + slice.Count - 1,
            [key] = slice.Select(render).ToList(),
        };
        return WireJson.Json(body);
    }
}
