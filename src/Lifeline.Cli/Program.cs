Console.WriteLine("lifeline");
