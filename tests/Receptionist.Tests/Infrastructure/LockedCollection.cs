using System.Collections;

namespace Receptionist.Tests.Infrastructure;

/// <summary>A collection that exporters on other threads add to while a test reads snapshots of it.</summary>
public sealed class LockedCollection<T> : ICollection<T>
{
    private readonly List<T> items = [];
    private readonly Lock gate = new();

    public int Count { get { lock (gate) { return items.Count; } } }

    public bool IsReadOnly => false;

    public List<T> Snapshot() { lock (gate) { return [.. items]; } }

    public void Add(T item) { lock (gate) { items.Add(item); } }

    public void Clear() { lock (gate) { items.Clear(); } }

    public bool Contains(T item) { lock (gate) { return items.Contains(item); } }

    public void CopyTo(T[] array, int arrayIndex) { lock (gate) { items.CopyTo(array, arrayIndex); } }

    public bool Remove(T item) { lock (gate) { return items.Remove(item); } }

    public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
