using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Receptionist.Api.SignalWire;

/// <summary>
/// The text of a document Twilio's <c>VoiceResponse</c> or <c>MessagingResponse</c> built. Their own <c>ToString()</c>
/// saves through an <see cref="XmlWriter"/>, whose buffers (~20 KB per document) were the largest allocation of the
/// entry webhook, one in five of a call's webhooks. A cXML document is elements, attributes and text, written here with
/// the writer's escaping rules; like the writer, this refuses a character XML cannot carry rather than send SignalWire
/// a broken document.
/// </summary>
public static class CxmlText
{
    private const string Declaration = """<?xml version="1.0" encoding="utf-8"?>""";

    public static string Write(XDocument document)
    {
        var text = new StringBuilder(512).Append(Declaration);
        Element(text, document.Root ?? throw new ArgumentException("The document has no root element.", nameof(document)));
        return text.ToString();
    }

    private static void Element(StringBuilder text, XElement element)
    {
        text.Append('<');
        Name(text, element.Name);
        foreach (var attribute in element.Attributes())
        {
            text.Append(' ');
            Name(text, attribute.Name);
            text.Append("=\"");
            Escape(text, attribute.Value, inAttribute: true);
            text.Append('"');
        }

        if (element.IsEmpty)
        {
            text.Append(" />");
            return;
        }

        text.Append('>');
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XElement child:
                    Element(text, child);
                    break;
                case XCData:
                    throw new NotSupportedException("cXML documents carry no CDATA sections.");
                case XText content:
                    Escape(text, content.Value, inAttribute: false);
                    break;
                default:
                    throw new NotSupportedException($"cXML documents carry no {node.NodeType} nodes.");
            }
        }

        text.Append("</");
        Name(text, element.Name);
        text.Append('>');
    }

    private static void Name(StringBuilder text, XName name)
    {
        if (name.Namespace == XNamespace.Xml)
        {
            text.Append("xml:");
        }
        else if (name.Namespace != XNamespace.None)
        {
            throw new NotSupportedException($"cXML names are in no namespace: {name}.");
        }

        text.Append(name.LocalName);
    }

    private static void Escape(StringBuilder text, string value, bool inAttribute)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '&': text.Append("&amp;"); break;
                case '<': text.Append("&lt;"); break;
                case '>': text.Append("&gt;"); break;
                case '"' when inAttribute: text.Append("&quot;"); break;
                case '\t' when inAttribute: text.Append("&#x9;"); break;
                case '\n' when inAttribute: text.Append("&#xA;"); break;
                case '\r' when inAttribute: text.Append("&#xD;"); break;
                default:
                    if (XmlConvert.IsXmlChar(c))
                    {
                        text.Append(c);
                    }
                    else if (i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], c))
                    {
                        text.Append(c).Append(value[++i]);
                    }
                    else
                    {
                        throw new ArgumentException($"U+{(int)c:X4} cannot be written in XML.", nameof(value));
                    }

                    break;
            }
        }
    }
}
