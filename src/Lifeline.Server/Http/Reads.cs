using Lifeline.Domain;
using Lifeline.Domain.Primitives;
using Lifeline.Storage.Database;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Writing;

namespace Lifeline.Server.Http;

/// <summary>The one way reads answer: scoped to an operation that must exist, 404 naming what is missing.</summary>
public static class Reads
{
    /// <summary>Runs a query inside an operation, or answers 404 naming <c>operationId</c> when there is no such operation.</summary>
    public static IResult InOperation<T>(LogStore store, Guid operationId, Func<SqlSession, OperationId, T> query, Func<T, IResult> answer)
    {
        var operation = new OperationId(operationId);
        var (exists, result) = store.Read(session => OperationsProjection.Find(session, operation) is null
            ? (false, default(T))
            : (true, query(session, operation)));
        return exists ? answer(result!) : Problems.NotFound(Reasons.Setup.OperationNotFound.NotFound("operationId", ("operation", operationId)));
    }

    /// <summary>Answers with one thing, or 404 with the rejection naming the id field and the thing that is missing.</summary>
    public static IResult One<T>(T? found, Func<T, IResult> answer, Rejection missing)
        where T : class =>
        found is null ? Problems.NotFound(missing) : answer(found);
}
