// The page shown for an address the phone has not kept, when there is no signal. The service
// worker cannot read the app's catalogues (they are the page's scripts), so its few words are here,
// in both languages; it chooses by the phone's language, Chinese first.

const WORDS = {
  "zh-CN": {
    title: "现在没有网络",
    body: "这个页面还没有保存在这部手机上，需要网络才能打开。",
    kept: "打开过的页面可以离线看：集市首页、市场页面、你的预约和收据，管理员的当天签到。",
    again: "再试一次",
    home: "去首页",
  },
  en: {
    title: "You are offline",
    body: "This page has not been kept on this phone yet, and needs the network to open.",
    kept: "Pages you have opened can be read offline: the home page, market pages, your bookings and receipts, and a manager's day sheet.",
    again: "Try again",
    home: "Home page",
  },
} as const;

export function offlineWords(language: string) {
  return language.toLowerCase().startsWith("en") ? WORDS.en : WORDS["zh-CN"];
}

export function offlinePage(language: string): Response {
  const words = offlineWords(language);
  const lang = words === WORDS.en ? "en" : "zh-CN";
  const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="theme-color" content="#1d6b48">
<title>${words.title} · 集市</title>
<style>
body{margin:0;font:18px/1.6 system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;background:#faf8f3;color:#1f2a24}
main{max-width:32rem;margin:0 auto;padding:2.5rem 1.25rem}
h1{font-size:1.6rem;margin:0 0 1rem}
a{display:inline-block;margin:.5rem .75rem 0 0;padding:.75rem 1.25rem;border-radius:.5rem;background:#1d6b48;color:#fff;text-decoration:none;min-height:1.5rem}
a.quiet{background:#fff;color:#1d6b48;border:2px solid #1d6b48}
</style></head>
<body><main>
<h1>${words.title}</h1>
<p>${words.body}</p>
<p>${words.kept}</p>
<p><a href="">${words.again}</a><a href="/" class="quiet">${words.home}</a></p>
</main></body></html>`;
  return new Response(html, {
    status: 503,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}
