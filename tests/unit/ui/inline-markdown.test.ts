// InlineMarkdown: code spans become <code>, and nothing in the text ever becomes markup.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { InlineMarkdown } from "@/components/ui/inline-markdown";

function html(text: string): string {
  return renderToStaticMarkup(createElement(InlineMarkdown, { text })).replace(/ class="[^"]*"/g, "");
}

describe("InlineMarkdown", () => {
  it("turns code spans into <code> and leaves the rest as text", () => {
    expect(html("Follow `kubectl create deployment nginx --image=nginx` through the API server.")).toBe(
      "Follow <code>kubectl create deployment nginx --image=nginx</code> through the API server.",
    );
    expect(html("`a` and `b`")).toBe("<code>a</code> and <code>b</code>");
    expect(html("plain")).toBe("plain");
  });

  it("follows CommonMark for double backticks and the spaces around them", () => {
    expect(html("``a `tick` here``")).toBe("<code>a `tick` here</code>");
    expect(html("`` ` ``")).toBe("<code>`</code>");
  });

  it("shows an unmatched backtick as it is", () => {
    expect(html("it's `open")).toBe("it&#x27;s `open");
  });

  it("escapes HTML inside and outside code spans", () => {
    expect(html('<img src=x onerror="alert(1)"> `<b>bold</b>`')).toBe(
      "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; <code>&lt;b&gt;bold&lt;/b&gt;</code>",
    );
  });
});
