namespace Receptionist.Grains.Messaging;

internal static class MessageLogPages
{
    /// <summary>Turns "limit + 1 rows" into a page: the extra row only proves there is a next page.</summary>
    public static MessageLogPage Trim(List<MessageSummary> messages, int limit)
    {
        if (messages.Count <= limit)
        {
            return new MessageLogPage(messages, null);
        }

        messages.RemoveRange(limit, messages.Count - limit);
        var last = messages[^1];
        return new MessageLogPage(messages, new MessageLogCursor(last.CreatedAt, last.MessageSid));
    }
}
