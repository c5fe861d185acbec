namespace Lifeline.Planning.Search;

/// <summary>OX crossover on giant tours: a circular slice of the first parent, the rest in the second parent's order.</summary>
internal sealed class OrderCrossover
{
    private readonly bool[] _placed;

    public OrderCrossover(int nodeCount) => _placed = new bool[nodeCount];

    public int[] Apply(int[] first, int[] second, Random random)
    {
        var n = first.Length;
        var child = new int[n];
        if (n == 0)
        {
            return child;
        }

        var start = random.Next(n);
        var end = random.Next(n);
        while (end == start && n > 1)
        {
            end = random.Next(n);
        }

        Array.Clear(_placed);
        var i = start;
        while (true)
        {
            child[i] = first[i];
            _placed[first[i]] = true;
            if (i == end)
            {
                break;
            }

            i = (i + 1) % n;
        }

        i = (end + 1) % n;
        for (var k = 1; k <= n; k++)
        {
            var node = second[(end + k) % n];
            if (!_placed[node])
            {
                child[i] = node;
                i = (i + 1) % n;
            }
        }

        return child;
    }
}
