namespace Receptionist.Api.Validation;

/// <summary>What counts as text a person can write: no C0/C1 controls, no non-characters, no lone surrogates.</summary>
public static class PlainText
{
    /// <summary>The index of the first character that is not plain text, or null.</summary>
    public static int? FirstInvalid(string value, bool multiline)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '\n' or '\r' or '\t')
            {
                if (!multiline)
                {
                    return i;
                }

                continue;
            }

            if (char.IsControl(c) || c is '\uFFFE' or '\uFFFF')
            {
                return i;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return i;
            }
        }

        return null;
    }
}
