Console.WriteLine("Lifeline log benchmark: not yet written.");
