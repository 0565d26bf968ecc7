import type { MessageKey } from "./zh-CN";

export const en: Record<MessageKey, string> = {
  "app.name": "Jishi",
  "app.tagline": "Morning and evening markets near you, at a glance",
  "app.description":
    "Neighbourhood markets of Huguan County: where there is a market, when it opens and who is selling. Vendors register and book stalls online.",

  "nav.skip": "Skip to content",
  "nav.main": "Main navigation",
  "nav.whatsOn": "What's on",
  "nav.markets": "Markets",
  "nav.forVendors": "For vendors",
  "nav.manage": "Manage",
  "nav.login": "Log in",
  "nav.logout": "Log out",
  "nav.loggedInAs": "Logged in as {name}",
  "nav.language": "Language",
  "nav.switchTo": "中文",
  "nav.switchToLabel": "切换到中文",

  "footer.about":
    "Jishi is an open-source platform for running neighbourhood markets: morning, evening and night markets in Huguan County and anywhere else.",
  "footer.office": "Huguan County Market Office",
  "footer.source": "Source code",

  "home.title": "Where is the market today?",
  "home.intro":
    "{count} markets in Huguan County, by opening time. Tap an area on the map or a name below for details.",
  "home.mapLabel": "Map of markets",
  "home.listHeading": "All markets",
  "home.empty":
    "No markets are open yet. They appear here once the county market office adds them.",
  "home.todayIn": "Today ({date})",
  "home.toMap": "Show the map",

  "zone.kind.community": "Community market",
  "zone.kind.street": "Street market",
  "zone.kind.park": "Park market",
  "zone.kind.night": "Night market",
  "zone.kind.rural": "Rural market",
  "zone.state.open": "Open now",
  "zone.state.later": "Opens later today",
  "zone.state.ended": "Closed for today",
  "zone.state.none": "Not held today",
  "zone.hoursToday": "Today: {hours}",
  "zone.noSessionToday": "Not held today",
  "zone.stalls": "{count} stalls",
  "zone.address": "Address",
  "zone.facilities": "Facilities",
  "zone.schedule": "Opening hours",
  "zone.everyDay": "Every day",
  "zone.onMap": "Show on the map",

  "session.kind.morning": "Morning market",
  "session.kind.daytime": "Day market",
  "session.kind.evening": "Evening market",
  "session.kind.night": "Night market",

  "weekday.1": "Mon",
  "weekday.2": "Tue",
  "weekday.3": "Wed",
  "weekday.4": "Thu",
  "weekday.5": "Fri",
  "weekday.6": "Sat",
  "weekday.7": "Sun",
  "weekday.separator": ", ",

  "facility.water": "Water",
  "facility.power": "Power",
  "facility.toilets": "Public toilets",
  "facility.coldStorage": "Cold storage",
  "facility.parking": "Parking",
  "facility.extinguishers": "{count} fire extinguishers",

  "markets.title": "All markets",
  "markets.intro":
    "Every market has a designated area, an approved stall layout and regular opening hours.",
  "markets.stallsAndFees": "{count} stalls, {min}–{max} per session",
  "markets.freeStalls": "including {count} free public-service stalls",

  "vendors.title": "For vendors",
  "vendors.intro":
    "Sell close to home at low cost with little paperwork. Markets assign stalls by category; once your papers are in order you can book.",
  "vendors.howTitle": "How to start",
  "vendors.step1": "Create an account with your stall name, category and what you sell.",
  "vendors.step2":
    "Upload your papers: ID card or business licence; food sellers also need a health certificate, and cooked food a food business permit.",
  "vendors.step3": "Once a market manager has approved you, book stalls by session.",
  "vendors.categoriesTitle": "Categories and the papers they need",
  "vendors.needsId": "ID card or business licence",
  "vendors.needsHealth": "Health certificate",
  "vendors.needsFoodPermit": "Food business permit",
  "vendors.publicWelfare": "Public-service stalls are free",
  "vendors.loginCta": "Have an account? Log in",
  "vendors.yourStatus": "Your vendor status",
  "vendors.yourCategory": "Category",
  "vendors.yourProducts": "What you sell",

  "vendor.status.pending": "Waiting for review",
  "vendor.status.approved": "Approved",
  "vendor.status.changes_requested": "Changes requested",
  "vendor.status.rejected": "Not approved",
  "vendor.status.suspended": "Suspended",

  "manage.title": "Market management",
  "manage.intro.office": "You can see every market in the county.",
  "manage.intro.manager": "You manage these markets.",
  "manage.none":
    "You do not manage any market yet. Ask the county market office to assign you one.",
  "manage.market": "Market",
  "manage.layout": "Stall layout",
  "manage.layoutVersion": "Version {version}, {count} stalls",
  "manage.noLayout": "No approved stall layout yet",
  "manage.managers": "Managers",
  "manage.vendorsTitle": "Vendors",
  "manage.vendorsSummary": "{approved} approved, {pending} waiting for review",

  "login.title": "Log in",
  "login.intro": "Use the phone number or e-mail you registered with.",
  "login.identifier": "Phone or e-mail",
  "login.password": "Password",
  "login.submit": "Log in",
  "login.pending": "Logging in…",
  "login.error.identifierRequired": "Enter your phone number or e-mail",
  "login.error.passwordRequired": "Enter your password",
  "login.error.invalid": "That phone/e-mail and password do not match. Please try again.",
  "login.loggedOut": "You have logged out.",
  "login.demoHint": "Demo accounts are listed in the project README.",

  "error.notFound.title": "Page not found",
  "error.notFound.body": "The link may be mistyped, or the page is no longer here.",
  "error.forbidden.title": "Not allowed",
  "error.forbidden.body":
    "This page is only for the managers concerned. If you think you should have access, contact the county market office.",
  "error.generic.title": "Something went wrong",
  "error.generic.body":
    "Please try again later. If it keeps happening, contact the county market office.",
  "error.backHome": "Back to the home page",

  "map.loading": "Loading the map…",
  "map.noTiles": "Market areas are drawn even when the base map cannot load.",
  "map.details": "Details",
};
