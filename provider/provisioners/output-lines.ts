// A command's output as it comes, handed on in whole lines (the last, partial
// line when the command ends).

export class OutputLines {
  private partial = "";

  constructor(private readonly emit: (text: string) => void) {}

  add(chunk: Buffer | string): void {
    this.partial += chunk.toString();
    const end = this.partial.lastIndexOf("\n");
    if (end >= 0) {
      this.emit(this.partial.slice(0, end));
      this.partial = this.partial.slice(end + 1);
    }
  }

  flush(): void {
    if (this.partial) this.emit(this.partial);
    this.partial = "";
  }
}
