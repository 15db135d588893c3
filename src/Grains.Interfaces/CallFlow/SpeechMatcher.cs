using System.Globalization;
using System.Text;

namespace Receptionist.Grains.CallFlow;

/// <summary>
/// Picks the menu option a caller chose: the key pressed, or the option whose keyword or phrase appears in what they
/// said. Case, punctuation and filler words ("um, I'd like sales please") do not matter; a spoken key ("press two")
/// counts as the key. When several options match, the longest phrase wins (so "billing support" beats "support").
/// </summary>
public static class SpeechMatcher
{
    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "um", "umm", "uh", "uhh", "er", "erm", "ah", "hmm", "mm", "like", "so", "well", "okay", "ok", "yeah", "yes", "please",
        "i", "id", "im", "me", "my", "we", "want", "wanna", "would", "to", "the", "a", "an", "talk", "speak",
        "with", "someone", "somebody", "in", "about", "for", "can", "could", "you", "get", "connect", "need", "just", "hi", "hello",
        "thanks", "thank", "of", "is", "it", "be", "press", "option", "number", "put", "through", "and",
    };

    private static readonly Dictionary<string, string> SpokenKeys = new(StringComparer.Ordinal)
    {
        // Not "to", "for" or "oh": too common in sentences to stand for keys.
        ["zero"] = "0", ["one"] = "1", ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5", ["six"] = "6", ["seven"] = "7", ["eight"] = "8", ["nine"] = "9", ["star"] = "*",
        ["pound"] = "#", ["hash"] = "#",
    };

    public static MenuOption? Match(IReadOnlyList<MenuOption> options, string? digits, string? speech)
    {
        if (!string.IsNullOrWhiteSpace(digits))
        {
            var key = digits.Trim();
            return options.FirstOrDefault(o => o.Digit == key);
        }

        if (string.IsNullOrWhiteSpace(speech))
        {
            return null;
        }

        var said = Words(speech);
        MenuOption? best = null;
        var bestLength = 0;
        foreach (var option in options)
        {
            foreach (var keyword in option.Keywords)
            {
                var phrase = Words(keyword);
                if (phrase.Count > bestLength && Contains(said, phrase))
                {
                    best = option;
                    bestLength = phrase.Count;
                }
            }
        }

        return best ?? SpokenKey(options, speech);
    }

    /// <summary>The meaningful words of a phrase: lower case, no punctuation, no filler words.</summary>
    public static IReadOnlyList<string> Words(string text) => [.. Tokens(text).Where(w => !Fillers.Contains(w))];

    /// <summary>"Press two", "option 2", "two please": a single spoken key and nothing else meaningful.</summary>
    private static MenuOption? SpokenKey(IReadOnlyList<MenuOption> options, string speech)
    {
        var keys = Tokens(speech)
            .Select(w => SpokenKeys.TryGetValue(w, out var k) ? k : w.Length == 1 && "0123456789*#".Contains(w, StringComparison.Ordinal) ? w : null)
            .Where(k => k is not null)
            .Distinct()
            .ToList();
        var meaningful = Words(speech).Where(w => !SpokenKeys.ContainsKey(w) && !(w.Length == 1 && char.IsDigit(w[0]))).ToList();
        return keys.Count == 1 && meaningful.Count == 0 ? options.FirstOrDefault(o => o.Digit == keys[0]) : null;
    }

    private static IEnumerable<string> Tokens(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKD))
        {
            if (char.IsLetterOrDigit(c) || c is '*' or '#')
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c == '\'')
            {
                // Accents and apostrophes join the word: "café" is "cafe", "I'd" is "id".
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private static bool Contains(IReadOnlyList<string> said, IReadOnlyList<string> phrase)
    {
        if (phrase.Count == 0)
        {
            return false;
        }

        for (var start = 0; start + phrase.Count <= said.Count; start++)
        {
            var all = true;
            for (var i = 0; i < phrase.Count && all; i++)
            {
                all = said[start + i] == phrase[i];
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }
}
