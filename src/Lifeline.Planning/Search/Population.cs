namespace Lifeline.Planning.Search;

/// <summary>
/// The feasible and infeasible sub-populations of HGS. Members are ranked by biased fitness — cost rank plus
/// diversity rank — so that survivor selection keeps solutions that are both good and different.
/// </summary>
internal sealed class Population
{
    private readonly SearchOptions _options;
    private readonly Random _random;
    private readonly List<Individual> _feasible = [];
    private readonly List<Individual> _infeasible = [];

    public Population(SearchOptions options, Random random)
    {
        _options = options;
        _random = random;
    }

    public int Count => _feasible.Count + _infeasible.Count;

    public void Add(Individual individual, Penalties penalties)
    {
        var group = individual.IsFeasible ? _feasible : _infeasible;
        foreach (var other in group)
        {
            var distance = individual.DistanceTo(other);
            InsertSorted(individual.Neighbours, (distance, other));
            InsertSorted(other.Neighbours, (distance, individual));
        }

        var cost = individual.PenalisedCost(penalties);
        var at = 0;
        while (at < group.Count && group[at].PenalisedCost(penalties) <= cost)
        {
            at++;
        }

        group.Insert(at, individual);
        if (group.Count > _options.PopulationSize + _options.GenerationSize)
        {
            while (group.Count > _options.PopulationSize)
            {
                RemoveWorst(group);
            }
        }
    }

    /// <summary>Re-sorts the infeasible members after the penalty prices changed.</summary>
    public void Reprice(Penalties penalties) => _infeasible.Sort((a, b) => a.PenalisedCost(penalties).CompareTo(b.PenalisedCost(penalties)));

    /// <summary>Empties both sub-populations for a restart, leaving no links between the members that leave.</summary>
    public void Clear()
    {
        foreach (var member in _feasible.Concat(_infeasible))
        {
            member.Neighbours.Clear();
        }

        _feasible.Clear();
        _infeasible.Clear();
    }

    /// <summary>Binary tournament on biased fitness over both sub-populations.</summary>
    public Individual Select()
    {
        UpdateFitness(_feasible);
        UpdateFitness(_infeasible);
        var a = Pick();
        var b = Pick();
        return a.Fitness <= b.Fitness ? a : b;
    }

    private Individual Pick()
    {
        var index = _random.Next(Count);
        return index < _feasible.Count ? _feasible[index] : _infeasible[index - _feasible.Count];
    }

    private void RemoveWorst(List<Individual> group)
    {
        UpdateFitness(group);
        var worst = -1;
        var worstIsClone = false;
        var worstFitness = double.NegativeInfinity;
        for (var k = 1; k < group.Count; k++)
        {
            var member = group[k];
            var isClone = member.Neighbours.Count > 0 && member.Neighbours[0].Distance <= 1e-9;
            if ((isClone && !worstIsClone) || (isClone == worstIsClone && member.Fitness > worstFitness))
            {
                worst = k;
                worstIsClone = isClone;
                worstFitness = member.Fitness;
            }
        }

        var removed = group[worst];
        group.RemoveAt(worst);
        foreach (var other in group)
        {
            other.Neighbours.RemoveAll(n => ReferenceEquals(n.Other, removed));
        }

        // A member that leaves must not keep links to those that stay: the search may hold on to it (as its best
        // infeasible plan until a feasible one is found), and through its links and theirs, once they leave in
        // turn, to every member there has ever been. On X-n936 that grew the heap by 5 MB a second.
        removed.Neighbours.Clear();
    }

    private void UpdateFitness(List<Individual> group)
    {
        var n = group.Count;
        if (n == 0)
        {
            return;
        }

        if (n == 1)
        {
            group[0].Fitness = 0;
            return;
        }

        // group is sorted by cost; rank diversity (higher contribution first).
        var byDiversity = new (double Diversity, int Index)[n];
        for (var k = 0; k < n; k++)
        {
            byDiversity[k] = (-group[k].AverageDistanceToClosest(_options.CloseCount), k);
        }

        Array.Sort(byDiversity);
        var eliteWeight = 1.0 - ((double)_options.EliteCount / n);
        for (var rank = 0; rank < n; rank++)
        {
            var member = group[byDiversity[rank].Index];
            var costRank = (double)byDiversity[rank].Index / (n - 1);
            member.Fitness = costRank + (eliteWeight * rank / (n - 1));
        }
    }

    private static void InsertSorted(List<(double Distance, Individual Other)> list, (double Distance, Individual Other) entry)
    {
        var at = list.Count;
        while (at > 0 && list[at - 1].Distance > entry.Distance)
        {
            at--;
        }

        list.Insert(at, entry);
    }
}
