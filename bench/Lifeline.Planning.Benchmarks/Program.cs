Console.WriteLine("Lifeline planning benchmark: not yet written.");
