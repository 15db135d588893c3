using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace Receptionist.Tests.Hardening.Corpus;

/// <summary>
/// Bad requests for every operation of the OpenAPI document, generated from the operation's own parameters and
/// request schema: each value may be plausible, of the wrong kind, null (at any depth), huge, deeply nested,
/// repeated, at a boundary, or carry control and non-ASCII characters; bodies may also be cut short or not UTF-8.
/// Where a valid example body is given for a route, bodies are also that example with one to three of its parts
/// made bad, so the faults behind a first failing check are reached too.
/// </summary>
public sealed class OpenApiCorpus(JsonElement document, IReadOnlyDictionary<string, JsonNode> examples)
{
    private const int MaxDepth = 5;

    private static readonly string[] Methods = ["get", "put", "post", "patch", "delete"];

    private static readonly byte[][] BrokenBodies =
    [
        [], "null"u8.ToArray(), "[]"u8.ToArray(), "\"x\""u8.ToArray(), "{"u8.ToArray(), "{\"to\":"u8.ToArray(), [0xFF, 0xFE, 0x00],
        [.. "{\"businessName\":\""u8, 0xC3, 0x28, .. "\"}"u8], [.. "{\"to\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8], "{\"a\":1,\"a\":2}"u8.ToArray(),
        "\uFEFF{}"u8.ToArray(),
    ];

    public IReadOnlyList<string> Routes => [.. Operations().Select(o => o.Route)];

    /// <summary>Requests for the operations whose route (<c>PUT /api/tenant/settings/</c>) <paramref name="include"/> accepts.</summary>
    public Gen<CorpusRequest> Requests(Func<string, bool> include) => Gen.OneOf([.. Operations().Where(o => include(o.Route)).Select(Request)]);

    private IEnumerable<(string Route, HttpMethod Method, string Path, JsonElement Operation)> Operations()
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in Methods)
            {
                if (path.Value.TryGetProperty(method, out var operation))
                {
                    yield return ($"{method.ToUpperInvariant()} {path.Name}", new HttpMethod(method.ToUpperInvariant()), path.Name, operation);
                }
            }
        }
    }

    private Gen<CorpusRequest> Request((string Route, HttpMethod Method, string Path, JsonElement Operation) operation)
    {
        var parameters = operation.Operation.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
        var pathGen = Gen.Const(operation.Path);
        foreach (var parameter in parameters.Where(p => p.GetProperty("in").GetString() == "path"))
        {
            var name = parameter.GetProperty("name").GetString()!;
            pathGen = Gen.Select(pathGen, BadValues.WireText, (path, value) => path.Replace("{" + name + "}", PathSegment(value), StringComparison.Ordinal));
        }

        var queryGen = Gen.Const("");
        foreach (var parameter in parameters.Where(p => p.GetProperty("in").GetString() == "query"))
        {
            var name = parameter.GetProperty("name").GetString()!;
            var one = Gen.Frequency(
                (3, BadValues.WireText.Select(v => $"&{name}={Uri.EscapeDataString(v)}")),
                (1, Gen.Select(BadValues.WireText, BadValues.WireText, (a, b) => $"&{name}={Uri.EscapeDataString(a)}&{name}={Uri.EscapeDataString(b)}")),
                (1, Gen.OneOf($"&{name}=%ZZ", $"&{name}=%C3%28", $"&{name}", $"&{name}=%00")),
                (2, Gen.Const("")));
            queryGen = Gen.Select(queryGen, one, (query, part) => query + part);
        }

        Gen<(string? ContentType, byte[]? Body)> bodyGen = Gen.Const<(string?, byte[]?)>((null, null));
        if (operation.Operation.TryGetProperty("requestBody", out var requestBody)
            && requestBody.GetProperty("content").TryGetProperty("application/json", out var json))
        {
            bodyGen = Gen.Select(Gen.Frequency((8, Gen.Const("application/json")), (1, Gen.OneOf("text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16"))),
                Body(json.GetProperty("schema"), examples.GetValueOrDefault(operation.Route.TrimEnd('/'))), (type, body) => ((string?)type, (byte[]?)body));
        }

        return Gen.Select(pathGen, queryGen, bodyGen, (path, query, body) =>
            new CorpusRequest(operation.Route, operation.Method, path + (query.Length > 0 ? "?" + query[1..] : ""), body.ContentType, body.Body, null));
    }

    private static string PathSegment(string value) =>
        value.Length > 0 && value.All(c => c is >= '!' and <= '~' and not '/' and not '?' and not '#' and not '%') ? value : Uri.EscapeDataString(value);

    /// <summary>A little over the API's 256 KiB body limit: larger bodies test nothing more, and cost the run time.</summary>
    private const int MaxBodyBytes = 300 * 1024;

    private Gen<byte[]> Body(JsonElement schema, JsonNode? example)
    {
        var generated = example is null ? Value(schema, 0) : Gen.Frequency((1, Value(schema, 0)), (1, Mutated(example)));
        var wellFormed = generated.Select(node => Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null"))
            .Select(bytes => bytes.Length > MaxBodyBytes ? bytes[..MaxBodyBytes] : bytes);
        return Gen.Frequency(
            (8, wellFormed),
            (1, Gen.Int[65, 5_000].Select(depth => Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth)))),
            (1, Gen.Select(wellFormed, Gen.Double[0, 1], (bytes, cut) => bytes[..(int)(bytes.Length * cut)])),
            (1, Gen.OneOf(BrokenBodies)));
    }

    /// <summary>The example with one to three of its values replaced, nulled or removed, or an array's element repeated many times.</summary>
    private static Gen<JsonNode?> Mutated(JsonNode example)
    {
        var places = Places(example, []).ToList();
        var mutation = Gen.Select(Gen.Int[0, places.Count - 1], Gen.Int[0, 4], BadValues.AnyKind, Gen.Int[50, 3_000]);
        return mutation.Array[1, 3].Select(mutations =>
        {
            var copy = example.DeepClone();
            foreach (var (place, kind, value, count) in mutations)
            {
                Mutate(copy, places[place], kind, value, count);
            }

            return (JsonNode?)copy;
        });
    }

    private static IEnumerable<object[]> Places(JsonNode? node, object[] at)
    {
        if (at.Length > 0)
        {
            yield return at;
        }

        var children = node switch
        {
            JsonObject o => o.Select(p => ((object)p.Key, p.Value)),
            JsonArray a => a.Select((v, i) => ((object)i, v)),
            _ => [],
        };
        foreach (var (key, child) in children)
        {
            foreach (var place in Places(child, [.. at, key]))
            {
                yield return place;
            }
        }
    }

    private static void Mutate(JsonNode root, object[] place, int kind, JsonNode? value, int count)
    {
        var parent = root;
        foreach (var step in place[..^1])
        {
            parent = step is int index ? (parent as JsonArray)?.ElementAtOrDefault(index) : (parent as JsonObject)?[(string)step];
            if (parent is null)
            {
                return;
            }
        }

        var last = place[^1];
        var current = last is int i ? (parent as JsonArray)?.ElementAtOrDefault(i) : (parent as JsonObject)?[(string)last];
        JsonNode? replacement = kind switch
        {
            0 => value?.DeepClone(),
            1 => null,
            3 when current is JsonArray array && array.Count > 0 =>
                new JsonArray([.. Enumerable.Range(0, Repeats(array[0], count)).Select(n => array[n % array.Count]?.DeepClone())]),
            _ => value?.DeepClone(),
        };
        switch (parent)
        {
            case JsonObject o when last is string key && kind == 2:
                o.Remove(key);
                break;
            case JsonObject o when last is string key:
                o[key] = replacement;
                break;
            case JsonArray a when last is int index && index < a.Count && kind == 2:
                a.RemoveAt(index);
                break;
            case JsonArray a when last is int index && index < a.Count:
                a[index] = replacement;
                break;
        }
    }

    /// <summary>A value for the schema: usually of its shape (with bad parts inside), sometimes of any other kind.</summary>
    private Gen<JsonNode?> Value(JsonElement schema, int depth)
    {
        schema = Resolve(schema);
        if (depth > MaxDepth)
        {
            return BadValues.AnyKind;
        }

        var shaped = Kind(schema) switch
        {
            "object" => Object(schema, depth),
            "array" => Array(schema, depth),
            "integer" or "number" => Gen.Frequency((3, Gen.Int[-3, 100].Select(i => (JsonNode?)JsonValue.Create(i))), (2, BadValues.Number)),
            "boolean" => Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
            "string" => BadValues.WireText.Select(t => (JsonNode?)JsonValue.Create(t)),
            _ => BadValues.AnyKind,
        };
        return Gen.Frequency((6, shaped), (1, BadValues.AnyKind));
    }

    private Gen<JsonNode?> Object(JsonElement schema, int depth)
    {
        var fields = Gen.Const(() => new List<(string Name, JsonNode? Value)>());
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                var name = property.Name;
                var value = Value(property.Value, depth + 1);
                fields = Gen.Select(fields, Gen.Int[0, 9], value, (list, roll, v) =>
                {
                    if (roll < 8)
                    {
                        list.Add((name, v));
                    }

                    return list;
                });
            }
        }

        fields = Gen.Select(fields, Gen.Int[0, 9], BadValues.AnyKind, (list, roll, v) =>
        {
            if (roll == 0)
            {
                list.Add(("unexpected\u0001field", v));
            }

            return list;
        });
        return fields.Select(list =>
        {
            var json = new JsonObject();
            foreach (var (name, value) in list)
            {
                json[name] = value?.DeepClone();
            }

            return (JsonNode?)json;
        });
    }

    private Gen<JsonNode?> Array(JsonElement schema, int depth)
    {
        var item = schema.TryGetProperty("items", out var items) ? Value(items, depth + 1) : BadValues.AnyKind;
        var few = item.Array[0, 4].Select(values => (JsonNode?)new JsonArray([.. values.Select(v => v?.DeepClone())]));
        var many = Gen.Select(item, Gen.Int[50, 3_000], (value, count) =>
            (JsonNode?)new JsonArray([.. Enumerable.Range(0, Repeats(value, count)).Select(_ => value?.DeepClone())]));
        var withNulls = item.Array[0, 3].Select(values => (JsonNode?)new JsonArray([null, .. values.Select(v => v?.DeepClone()), null]));
        return Gen.Frequency((6, few), (1, many), (2, withNulls));
    }

    /// <summary>
    /// How many copies of <paramref name="value"/> to repeat: up to <paramref name="count"/>, but no more than fill a body
    /// a little over the limit, since repeats nest (an array of objects holding arrays) and would otherwise multiply
    /// into gigabytes before the body is cut.
    /// </summary>
    private static int Repeats(JsonNode? value, int count) =>
        Math.Max(1, Math.Min(count, MaxBodyBytes / ((value?.ToJsonString().Length ?? 4) + 1)));

    private JsonElement Resolve(JsonElement schema)
    {
        for (var hops = 0; hops < 8 && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference); hops++)
        {
            var name = reference.GetString()!.Split('/')[^1];
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(combinator, out var options)
                && options.EnumerateArray().FirstOrDefault(o => Kind(Resolve(o)) != "null") is { ValueKind: JsonValueKind.Object } option)
            {
                return Resolve(option);
            }
        }

        return schema;
    }

    private static string? Kind(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (schema.TryGetProperty("type", out var type))
        {
            return type.ValueKind == JsonValueKind.Array
                ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null") ?? "null"
                : type.GetString();
        }

        return schema.TryGetProperty("properties", out _) ? "object" : schema.TryGetProperty("items", out _) ? "array" : null;
    }
}
