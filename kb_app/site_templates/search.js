// Offline search for the exported help centre: no server, no network.
// The index (search-index.js) maps normalised words and Bengali stems to articles; a query
// word matches every indexed word it begins, so half-typed words and Bengali inflections
// (গ্রাহকদের, গ্রাহকের -> গ্রাহক) are found as in the desktop app.
(function () {
  "use strict";
  var index = window.GYAN_INDEX;
  var script = document.currentScript;
  var root = (script && script.getAttribute("data-root")) || "";
  var input = document.getElementById("q");
  var box = document.getElementById("results");
  if (!index || !input || !box) { return; }
  var E = index.bengali_endings;

  function normalise(s) {
    return s.normalize("NFC").replace(/[\u200B\u200C\u200D\uFEFF\u00AD]/g, "").toLowerCase()
      .replace(/[\u09E6-\u09EF]/g, function (d) { return String(d.charCodeAt(0) - 0x09E6); });
  }
  function isBengali(w) { return /[\u0980-\u09FF]/.test(w); }
  function strip(word, endings) {
    for (var i = 0; i < endings.length; i++) {
      var e = endings[i];
      if (word.length <= e.length || word.slice(-e.length) !== e) { continue; }
      var stem = word.slice(0, -e.length);
      if (stem.length < E.min_stem || stem.slice(-1) === E.virama) { continue; }
      if (E.after_vowel_sign.indexOf(e) >= 0 && E.vowel_signs.indexOf(stem.slice(-1)) < 0) {
        continue;
      }
      if (E["short"].indexOf(e) >= 0 && stem.length < 3) { continue; }
      return stem;
    }
    return word;
  }
  function stem(word) {
    if (!isBengali(word)) { return word; }
    var verb = strip(word, E.verb);
    if (verb !== word) { return verb; }
    for (var n = 0; n < 4; n++) {
      var shorter = strip(word, E.noun);
      if (shorter === word) { break; }
      word = shorter;
    }
    return word;
  }
  function lowerBound(words, key) {
    var lo = 0, hi = words.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (words[mid] < key) { lo = mid + 1; } else { hi = mid; } }
    return lo;
  }
  // Banglish: a Latin-letter word also finds the Bengali words it sounds like, by the
  // sound keys kb_app/banglish.py puts in the index ("~tk" for টাকা); these are its rules.
  var B = index.banglish;
  function collapse(text) { return text.replace(/(.)\1+/g, "$1"); }
  function latinKey(word, soft) {
    word = collapse(word);
    var parts = "", i = 0;
    while (i < word.length) {
      var spelled = null;
      for (var s = 0; s < B.spellings.length && spelled === null; s++) {
        if (word.substr(i, B.spellings[s][0].length) === B.spellings[s][0]) { spelled = s; }
      }
      if (spelled !== null) {
        parts += B.spellings[spelled][1]; i += B.spellings[spelled][0].length; continue;
      }
      var ch = word[i], next = word[i + 1] || "", softly = next && B.soft.indexOf(next) >= 0;
      if (soft && softly && ch === "c") { parts += "s"; }
      else if (soft && softly && ch === "g") { parts += "j"; }
      else if (ch === "c") { parts += "k"; }
      else if (B.consonants.indexOf(ch) >= 0) { parts += ch; }
      i++;
    }
    return collapse(parts);
  }
  function latinKeys(word) {
    if (!/^[a-z]+$/.test(word)) { return []; }
    var stems = [word], keys = [];
    B.endings.forEach(function (e) {
      if (word.slice(-e.length) === e && word.length - e.length >= 3) { stems.push(word.slice(0, -e.length)); }
    });
    stems.forEach(function (s, n) {
      var shortest = n === 0 ? B.min_key : B.min_key + 1;
      [latinKey(s, false), latinKey(s, true)].forEach(function (key) {
        if (key.length >= shortest && keys.indexOf(key) < 0) { keys.push(key); }
      });
    });
    return keys;
  }
  window.gyanLatinKeys = latinKeys;  // for the test that checks it against Python's
  window.gyanStem = function (w) { return stem(normalise(w)); };  // likewise
  function add(scores, i, weight) {
    index.postings[i].forEach(function (p) { scores[p[0]] = (scores[p[0]] || 0) + p[1] * weight; });
  }
  function scoresFor(token, typing) {
    var key = stem(token), scores = {}, i = lowerBound(index.words, key), seen = 0;
    while (i < index.words.length && index.words[i].indexOf(key) === 0 && seen < 200) {
      add(scores, i, 1); i++; seen++;
    }
    latinKeys(token).forEach(function (sound) {
      var mark = "~" + sound, j = lowerBound(index.words, mark), n = 0;
      while (j < index.words.length && n < (typing ? 20 : 1) &&
             (typing ? index.words[j].indexOf(mark) === 0 : index.words[j] === mark)) {
        add(scores, j, 0.5); j++; n++;
      }
    });
    return scores;
  }
  function search(text) {
    var tokens = normalise(text).match(/[\p{L}\p{M}\p{N}_]+/gu) || [];
    if (!tokens.length) { return []; }
    var total = null, typing = !/\s$/.test(text);
    tokens.forEach(function (token, n) {
      var scores = scoresFor(token, typing && n === tokens.length - 1), next = {};
      Object.keys(scores).forEach(function (d) {
        if (total === null || d in total) { next[d] = (total ? total[d] : 0) + scores[d]; }
      });
      total = next;
    });
    return Object.keys(total).map(Number).sort(function (a, b) {
      return (total[b] - total[a]) || (a - b);
    }).slice(0, 20);
  }
  function show(text) {
    var found = search(text);
    box.textContent = "";
    if (!text.trim()) { box.hidden = true; return found; }
    var heading = document.createElement("h2");
    heading.textContent = found.length ? found.length + " result(s)" : "No articles match “" + text + "”";
    box.appendChild(heading);
    var list = document.createElement("ol");
    found.forEach(function (d) {
      var doc = index.docs[d], item = document.createElement("li"), link = document.createElement("a");
      link.href = root + doc[0]; link.textContent = doc[1]; item.lang = doc[4];
      var summary = document.createElement("p"); summary.textContent = doc[2];
      item.appendChild(link); item.appendChild(summary); list.appendChild(item);
    });
    box.appendChild(list);
    box.hidden = false;
    return found;
  }
  input.addEventListener("input", function () { show(input.value); });
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    var found = show(input.value);
    if (found.length) { window.location.href = root + index.docs[found[0]][0]; }
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; show(initial); }
}());
