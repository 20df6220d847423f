<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="bn_BD">
<context>
    <name>About</name>
    <message>
        <source>About Gyan</source>
        <translation>Gyan সম্পর্কে</translation>
    </message>
    <message>
        <source>The desk-side knowledge base: the right answer on an agent&apos;s screen while the customer is still talking.</source>
        <translation>ডেস্কের পাশের নলেজ বেস: গ্রাহক কথা বলতে বলতেই সঠিক উত্তর এজেন্টের স্ক্রিনে।</translation>
    </message>
    <message>
        <source>Articles: {folder}</source>
        <translation>আর্টিকেল: {folder}</translation>
    </message>
    <message>
        <source>MIT licence</source>
        <translation>MIT লাইসেন্স</translation>
    </message>
</context>
<context>
    <name>ArticleForm</name>
    <message>
        <source>&amp;Id</source>
        <translation>আইডি (&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>শিরোনাম (&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Product</source>
        <translation>প্রোডাক্ট (&amp;P)</translation>
    </message>
    <message>
        <source>Ta&amp;gs</source>
        <translation>ট্যাগ (&amp;G)</translation>
    </message>
    <message>
        <source>Lan&amp;guage</source>
        <translation>ভাষা (&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Quick answer</source>
        <translation>দ্রুত উত্তর (&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>অবস্থা (&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Visibility</source>
        <translation>কে দেখবে (&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Owner</source>
        <translation>দায়িত্বে (&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Review by</source>
        <translation>রিভিউয়ের শেষ তারিখ (&amp;R)</translation>
    </message>
    <message>
        <source>The article&apos;s id: links and the history use it; set from the title when left empty</source>
        <translation>আর্টিকেলের আইডি: লিংক আর ইতিহাস এটা দিয়েই চেনে; খালি রাখলে শিরোনাম থেকে বসে যাবে</translation>
    </message>
    <message>
        <source>The short answer agents read out to the customer</source>
        <translation>যে ছোট উত্তরটা এজেন্ট গ্রাহককে পড়ে শোনান</translation>
    </message>
    <message>
        <source>Words to find the article by, separated by commas</source>
        <translation>যেসব শব্দে আর্টিকেলটি খুঁজে পাওয়া যাবে, কমা দিয়ে আলাদা করে লিখুন</translation>
    </message>
    <message>
        <source>The article&apos;s language: en or bn</source>
        <translation>আর্টিকেলের ভাষা: en বা bn</translation>
    </message>
    <message>
        <source>Drafts and archived articles are hidden from agents</source>
        <translation>খসড়া আর আর্কাইভ করা আর্টিকেল এজেন্টরা দেখতে পান না</translation>
    </message>
    <message>
        <source>Public articles go on the exported website; internal ones stay with agents</source>
        <translation>পাবলিক আর্টিকেল এক্সপোর্ট করা ওয়েবসাইটে যায়; অভ্যন্তরীণগুলো শুধু এজেন্টদের কাছে থাকে</translation>
    </message>
    <message>
        <source>Who keeps the article correct: flags reach them</source>
        <translation>আর্টিকেলটি ঠিক রাখার দায়িত্ব যাঁর: ফ্ল্যাগ তাঁর কাছেই যায়</translation>
    </message>
    <message>
        <source>The date the article is due to be checked again (YYYY-MM-DD)</source>
        <translation>যে তারিখের মধ্যে আর্টিকেলটি আবার যাচাই করতে হবে (YYYY-MM-DD)</translation>
    </message>
    <message>
        <source>What changed, in a few words (for the history)</source>
        <translation>কী বদলালেন, অল্প কথায় (ইতিহাসের জন্য)</translation>
    </message>
    <message>
        <source>Change note</source>
        <translation>পরিবর্তনের নোট</translation>
    </message>
    <message>
        <source>Saved with the revision in the article&apos;s history</source>
        <translation>আর্টিকেলের ইতিহাসে এই সংস্করণের সাথে সেভ হয়</translation>
    </message>
    <message>
        <source>Change &amp;note</source>
        <translation>পরিবর্তনের নোট (&amp;N)</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD (বছর-মাস-দিন)</translation>
    </message>
    <message>
        <source>comma, separated</source>
        <translation>কমা দিয়ে, আলাদা করে</translation>
    </message>
    <message>
        <source>set from the title when saved</source>
        <translation>সেভ করার সময় শিরোনাম থেকে বসবে</translation>
    </message>
</context>
<context>
    <name>ArticlePane</name>
    <message>
        <source>Article</source>
        <translation>আর্টিকেল</translation>
    </message>
    <message>
        <source>The highlighted result: its quick answer first, then the article, the words searched for marked</source>
        <translation>বাছাই করা ফলাফল: প্রথমে দ্রুত উত্তর, তারপর পুরো আর্টিকেল; খোঁজা শব্দগুলো রং করে দেখানো</translation>
    </message>
    <message>
        <source>Copy answer</source>
        <translation>উত্তর কপি করুন</translation>
    </message>
    <message>
        <source>Copy the quick answer to read out or paste (Ctrl+Shift+C)</source>
        <translation>দ্রুত উত্তরটা কপি করুন, পড়ে শোনাতে বা পেস্ট করতে (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>পিন করুন</translation>
    </message>
    <message>
        <source>Keep this article on the home list (Ctrl+D)</source>
        <translation>আর্টিকেলটি হোম তালিকায় রেখে দিন (Ctrl+D)</translation>
    </message>
    <message>
        <source>👍 Helpful</source>
        <translation>👍 কাজে লেগেছে</translation>
    </message>
    <message>
        <source>Outdated</source>
        <translation>পুরোনো তথ্য</translation>
    </message>
    <message>
        <source>Wrong</source>
        <translation>ভুল তথ্য</translation>
    </message>
    <message>
        <source>Flag as helpful</source>
        <translation>কাজের বলে ফ্ল্যাগ করুন</translation>
    </message>
    <message>
        <source>Flag as outdated</source>
        <translation>পুরোনো বলে ফ্ল্যাগ করুন</translation>
    </message>
    <message>
        <source>Flag as wrong</source>
        <translation>ভুল বলে ফ্ল্যাগ করুন</translation>
    </message>
    <message>
        <source>Tell the product team about this article, with a comment ({keys})</source>
        <translation>এই আর্টিকেল নিয়ে প্রোডাক্ট টিমকে জানান, মন্তব্যসহ ({keys})</translation>
    </message>
    <message>
        <source>Flag:</source>
        <translation>ফ্ল্যাগ:</translation>
    </message>
    <message>
        <source>Type to search. Ctrl+K returns to the search box.</source>
        <translation>খুঁজতে লিখুন। Ctrl+K চাপলে খোঁজার বক্সে ফিরে যাবেন।</translation>
    </message>
    <message>
        <source>Pinned ★</source>
        <translation>পিন করা ★</translation>
    </message>
    <message>
        <source>updated {date}</source>
        <translation>হালনাগাদ {date}</translation>
    </message>
    <message>
        <source>owner {name}</source>
        <translation>দায়িত্বে {name}</translation>
    </message>
    <message>
        <source>internal only</source>
        <translation>শুধু অভ্যন্তরীণ</translation>
    </message>
    <message>
        <source>QUICK ANSWER</source>
        <translation>দ্রুত উত্তর</translation>
    </message>
    <message>
        <source>INTERNAL — AGENTS ONLY</source>
        <translation>অভ্যন্তরীণ — শুধু এজেন্টদের জন্য</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>This article was changed by someone else</source>
        <translation>এই আর্টিকেলটি অন্য কেউ বদলেছেন</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>পার্থক্য</translation>
    </message>
    <message>
        <source>Their version (on disk now) beside yours</source>
        <translation>তাঁদের সংস্করণ (এখন ডিস্কে যা আছে) আপনারটার পাশে</translation>
    </message>
    <message>
        <source>The file was deleted since you opened it.</source>
        <translation>আপনি খোলার পর ফাইলটি মুছে ফেলা হয়েছে।</translation>
    </message>
    <message>
        <source>On disk now (theirs)</source>
        <translation>এখন ডিস্কে (তাঁদের)</translation>
    </message>
    <message>
        <source>Yours</source>
        <translation>আপনার</translation>
    </message>
    <message>
        <source>Save your version over theirs</source>
        <translation>তাঁদেরটার ওপর আপনার সংস্করণ সেভ করুন</translation>
    </message>
    <message>
        <source>Drop your changes and keep theirs</source>
        <translation>আপনার পরিবর্তন বাদ দিয়ে তাঁদেরটা রাখুন</translation>
    </message>
    <message>
        <source>Put both together; places both changed are marked</source>
        <translation>দুটো মিলিয়ে নিন; যেখানে দুজনেই বদলেছেন সেখানে চিহ্ন থাকবে</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>আমারটা রাখুন</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>তাঁদেরটা নিন</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>মিলিয়ে নিন</translation>
    </message>
    <message>
        <source>Someone saved this article after you opened it. Their version and yours differ as shown:</source>
        <translation>আপনি খোলার পর কেউ এই আর্টিকেলটি সেভ করেছেন। তাঁদের আর আপনার সংস্করণে এই পার্থক্য:</translation>
    </message>
</context>
<context>
    <name>EditorHistory</name>
    <message>
        <source>Delete this article permanently? Archiving keeps it restorable.</source>
        <translation>আর্টিকেলটি একেবারে মুছে ফেলবেন? আর্কাইভ করলে পরে ফিরিয়ে আনা যায়।</translation>
    </message>
    <message>
        <source>Really delete? It stays only in the history.</source>
        <translation>সত্যিই মুছবেন? তখন এটা শুধু ইতিহাসে থাকবে।</translation>
    </message>
    <message>
        <source>Save the new article first, then move it.</source>
        <translation>আগে নতুন আর্টিকেলটি সেভ করুন, তারপর সরান।</translation>
    </message>
    <message>
        <source>Rename or move</source>
        <translation>নাম বদলান বা সরান</translation>
    </message>
    <message>
        <source>New path in the articles folder (links to it are updated):</source>
        <translation>আর্টিকেল ফোল্ডারে নতুন জায়গা (এর দিকের লিংকগুলো আপনাআপনি ঠিক হবে):</translation>
    </message>
    <message>
        <source>Moved to {path}</source>
        <translation>{path}-এ সরানো হয়েছে</translation>
    </message>
    <message numerus="yes">
        <source>; links in %Ln other article(s) updated</source>
        <translation>
            <numerusform>; আরও %Lnটি আর্টিকেলের লিংক ঠিক করা হয়েছে</numerusform>
            <numerusform>; আরও %Lnটি আর্টিকেলের লিংক ঠিক করা হয়েছে</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot move the article</source>
        <translation>আর্টিকেলটি সরানো গেল না</translation>
    </message>
    <message>
        <source>Delete article</source>
        <translation>আর্টিকেল মুছুন</translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation>মোছা হয়নি</translation>
    </message>
</context>
<context>
    <name>EditorSaving</name>
    <message>
        <source>Your name</source>
        <translation>আপনার নাম</translation>
    </message>
    <message>
        <source>Your name, for the history of the articles you edit:</source>
        <translation>আপনার নাম, আপনি যেসব আর্টিকেল এডিট করবেন সেগুলোর ইতিহাসের জন্য:</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>{path} সেভ হয়েছে</translation>
    </message>
    <message>
        <source>Not saved: fix the fields marked in red, or save as a draft.</source>
        <translation>সেভ হয়নি: লাল চিহ্নিত ঘরগুলো ঠিক করুন, অথবা খসড়া হিসেবে সেভ করুন।</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>সেভ হয়নি</translation>
    </message>
    <message>
        <source>{article} could not be written: {error}.

Your text stays in the editor and in the recovery file; save again once the folder is writable.</source>
        <translation>{article} লেখা গেল না: {error}।

আপনার লেখা এডিটরে আর রিকভারি ফাইলে রয়ে গেছে; ফোল্ডারে লেখা গেলে আবার সেভ করুন।</translation>
    </message>
    <message>
        <source>The article</source>
        <translation>আর্টিকেলটি</translation>
    </message>
    <message>
        <source>Saved, but the revision was not recorded: {error}</source>
        <translation>সেভ হয়েছে, কিন্তু সংস্করণটি রেকর্ড হয়নি: {error}</translation>
    </message>
    <message numerus="yes">
        <source>Merged. %Ln place(s) changed by both need a look: marked in the text (&lt;&lt;&lt;&lt;&lt;&lt;&lt; mine … &gt;&gt;&gt;&gt;&gt;&gt;&gt; theirs) or next to a field. Then save.</source>
        <translation>
            <numerusform>মিলিয়ে নেওয়া হয়েছে। দুজনেই বদলেছেন এমন %Lnটি জায়গা দেখে নিন: লেখায় চিহ্ন দেওয়া (&lt;&lt;&lt;&lt;&lt;&lt;&lt; mine … &gt;&gt;&gt;&gt;&gt;&gt;&gt; theirs) অথবা ঘরের পাশে লেখা। তারপর সেভ করুন।</numerusform>
            <numerusform>মিলিয়ে নেওয়া হয়েছে। দুজনেই বদলেছেন এমন %Lnটি জায়গা দেখে নিন: লেখায় চিহ্ন দেওয়া (&lt;&lt;&lt;&lt;&lt;&lt;&lt; mine … &gt;&gt;&gt;&gt;&gt;&gt;&gt; theirs) অথবা ঘরের পাশে লেখা। তারপর সেভ করুন।</numerusform>
        </translation>
    </message>
    <message>
        <source>Merged: their changes and yours are both in. Check, then save.</source>
        <translation>মিলিয়ে নেওয়া হয়েছে: তাঁদের আর আপনার দুই পরিবর্তনই আছে। দেখে নিয়ে সেভ করুন।</translation>
    </message>
</context>
<context>
    <name>EditorWindow</name>
    <message>
        <source>Article text (Markdown)</source>
        <translation>আর্টিকেলের লেখা (Markdown)</translation>
    </message>
    <message>
        <source>The article in Markdown; the preview beside it shows it as agents will see it</source>
        <translation>Markdown-এ আর্টিকেল; পাশের প্রিভিউতে এজেন্টরা যেমন দেখবেন তেমন দেখায়</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>প্রিভিউ</translation>
    </message>
    <message>
        <source>The article as agents will see it</source>
        <translation>এজেন্টরা আর্টিকেলটি যেমন দেখবেন</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>আর্টিকেল</translation>
    </message>
    <message>
        <source>New article</source>
        <translation>নতুন আর্টিকেল</translation>
    </message>
    <message>
        <source>{name} — Gyan editor</source>
        <translation>{name} — Gyan এডিটর</translation>
    </message>
    <message>
        <source>Insert image</source>
        <translation>ছবি বসান</translation>
    </message>
    <message>
        <source>Images ({patterns})</source>
        <translation>ছবি ({patterns})</translation>
    </message>
    <message>
        <source>Image not inserted</source>
        <translation>ছবি বসানো যায়নি</translation>
    </message>
    <message>
        <source>Reloaded: the article was changed on disk.</source>
        <translation>আবার লোড হয়েছে: ডিস্কে আর্টিকেলটি বদলানো হয়েছিল।</translation>
    </message>
    <message>
        <source>This article was deleted on disk since you opened it.</source>
        <translation>আপনি খোলার পর আর্টিকেলটি ডিস্ক থেকে মুছে ফেলা হয়েছে।</translation>
    </message>
    <message>
        <source>Someone else changed this article since you opened it. Saving will show both versions to keep yours, take theirs or merge.</source>
        <translation>আপনি খোলার পর অন্য কেউ আর্টিকেলটি বদলেছেন। সেভ করলে দুটো সংস্করণই দেখাবে: আপনারটা রাখবেন, তাঁদেরটা নেবেন, নাকি মিলিয়ে নেবেন।</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>সেভ না করা পরিবর্তন</translation>
    </message>
    <message>
        <source>Save your changes before closing?</source>
        <translation>বন্ধ করার আগে পরিবর্তনগুলো সেভ করবেন?</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>image {src} {problem}; the website leaves it out</source>
        <translation>ছবি {src} {problem}; ওয়েবসাইটে এটা বাদ যাবে</translation>
    </message>
    <message>
        <source>not exported: {where} contains text of its &apos;::: internal&apos; block (lines {lines})</source>
        <translation>এক্সপোর্ট হয়নি: {where}-এ এর &apos;::: internal&apos; অংশের লেখা আছে (লাইন {lines})</translation>
    </message>
    <message>
        <source>has no address</source>
        <translation>এর কোনো ঠিকানা নেই</translation>
    </message>
    <message>
        <source>is not a valid address</source>
        <translation>ঠিকানাটা সঠিক নয়</translation>
    </message>
    <message>
        <source>is not a file in the articles folder</source>
        <translation>আর্টিকেল ফোল্ডারের কোনো ফাইল নয়</translation>
    </message>
    <message>
        <source>is an absolute path; only files in the articles folder are published</source>
        <translation>পুরো পাথ দেওয়া আছে; শুধু আর্টিকেল ফোল্ডারের ফাইলই প্রকাশ হয়</translation>
    </message>
    <message>
        <source>points outside the articles folder</source>
        <translation>আর্টিকেল ফোল্ডারের বাইরে দেখায়</translation>
    </message>
    <message>
        <source>is a hidden file or in a hidden folder</source>
        <translation>লুকানো ফাইল, বা লুকানো ফোল্ডারে আছে</translation>
    </message>
    <message>
        <source>is an SVG image, which can carry scripts, so it is not published; use PNG or WebP</source>
        <translation>SVG ছবি, যার ভেতরে স্ক্রিপ্ট থাকতে পারে, তাই প্রকাশ হয় না; PNG বা WebP ব্যবহার করুন</translation>
    </message>
    <message>
        <source>is not an image file ({kinds})</source>
        <translation>ছবির ফাইল নয় ({kinds})</translation>
    </message>
    <message>
        <source>does not exist</source>
        <translation>নেই</translation>
    </message>
    <message>
        <source>is a link to a file outside the articles folder</source>
        <translation>আর্টিকেল ফোল্ডারের বাইরের কোনো ফাইলের লিংক</translation>
    </message>
    <message>
        <source>is a link to a hidden file or folder</source>
        <translation>লুকানো কোনো ফাইল বা ফোল্ডারের লিংক</translation>
    </message>
    <message>
        <source>is a link to a file that is not an image</source>
        <translation>এমন ফাইলের লিংক যেটা ছবি নয়</translation>
    </message>
    <message>
        <source>is not published</source>
        <translation>প্রকাশ হয় না</translation>
    </message>
    <message>
        <source>does not contain an image ({kinds})</source>
        <translation>ভেতরে কোনো ছবি নেই ({kinds})</translation>
    </message>
    <message>
        <source>it is the root of the file system</source>
        <translation>এটা ফাইল সিস্টেমের একেবারে মূল ফোল্ডার</translation>
    </message>
    <message>
        <source>it is the articles folder or inside it</source>
        <translation>এটা আর্টিকেল ফোল্ডার, বা তার ভেতরে</translation>
    </message>
    <message>
        <source>it contains the articles folder</source>
        <translation>এর ভেতরে আর্টিকেল ফোল্ডার আছে</translation>
    </message>
    <message>
        <source>it is a home folder</source>
        <translation>এটা কারও হোম ফোল্ডার</translation>
    </message>
    <message>
        <source>it contains a home folder</source>
        <translation>এর ভেতরে কারও হোম ফোল্ডার আছে</translation>
    </message>
    <message>
        <source>it is a file, not a folder</source>
        <translation>এটা ফাইল, ফোল্ডার নয়</translation>
    </message>
    <message>
        <source>will not export into {folder}: {reason}; choose a new or empty folder for the website</source>
        <translation>{folder}-এ এক্সপোর্ট করা হবে না: {reason}; ওয়েবসাইটের জন্য নতুন বা খালি একটা ফোল্ডার বাছুন</translation>
    </message>
    <message>
        <source>it is inside the articles folder</source>
        <translation>এটা আর্টিকেল ফোল্ডারের ভেতরে</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>এটা ফোল্ডার, ফাইল নয়</translation>
    </message>
    <message>
        <source>will not write {path}: {reason}</source>
        <translation>{path} লেখা হবে না: {reason}</translation>
    </message>
    <message>
        <source>will not export into {folder}: it is not empty and no Gyan export made it (no {manifest}); choose a new or empty folder so none of your files is replaced</source>
        <translation>{folder}-এ এক্সপোর্ট করা হবে না: ফোল্ডারটা খালি নয়, আর এটা Gyan-এর এক্সপোর্টে তৈরি নয় ({manifest} নেই); নতুন বা খালি একটা ফোল্ডার বাছুন, যাতে আপনার কোনো ফাইলের ওপর লেখা না পড়ে</translation>
    </message>
    <message>
        <source>will not write {path}: not a name of the site&apos;s layout</source>
        <translation>{path} লেখা হবে না: সাইটের কাঠামোতে এমন নাম নেই</translation>
    </message>
    <message>
        <source>{path} (a link or a path leading out of the folder)</source>
        <translation>{path} (লিংক, বা ফোল্ডারের বাইরে যাওয়া পাথ)</translation>
    </message>
    <message>
        <source>{path} (changed since the last export)</source>
        <translation>{path} (আগের এক্সপোর্টের পর বদলানো হয়েছে)</translation>
    </message>
    <message>
        <source>{path} (not written by a Gyan export)</source>
        <translation>{path} (Gyan-এর এক্সপোর্টে লেখা নয়)</translation>
    </message>
    <message>
        <source>{files} and {n} more</source>
        <translation>{files} আর আরও {n}টি</translation>
    </message>
    <message>
        <source>will not export into {folder}: it would replace {files}; move those files away or choose a new or empty folder</source>
        <translation>{folder}-এ এক্সপোর্ট করা হবে না: তাহলে {files}-এর ওপর লেখা পড়বে; ফাইলগুলো সরিয়ে নিন, অথবা নতুন বা খালি একটা ফোল্ডার বাছুন</translation>
    </message>
    <message>
        <source>will not write {path}: it is not a plain path inside {folder}</source>
        <translation>{path} লেখা হবে না: এটা {folder}-এর ভেতরের সাধারণ কোনো পাথ নয়</translation>
    </message>
    <message>
        <source>will not write {path}: {folder} is a link</source>
        <translation>{path} লেখা হবে না: {folder} একটা লিংক</translation>
    </message>
    <message>
        <source>will not write into {path}: it is a link or a file</source>
        <translation>{path}-এ লেখা হবে না: এটা লিংক বা ফাইল</translation>
    </message>
    <message>
        <source>could not be deleted: {reason}</source>
        <translation>মোছা গেল না: {reason}</translation>
    </message>
    <message>
        <source>was changed after the last export, so the export keeps it and no longer manages it</source>
        <translation>আগের এক্সপোর্টের পর বদলানো হয়েছে, তাই এক্সপোর্ট এটা রেখে দিচ্ছে আর এর দেখভাল আর করবে না</translation>
    </message>
    <message>
        <source>id {id} gives the page name {wanted}, which the page of {owner} (id {owner_id}) stands in the way of; this article is published as {url}</source>
        <translation>আইডি {id} থেকে পেজের নাম হয় {wanted}, কিন্তু {owner}-এর (আইডি {owner_id}) পেজ তাতে বাধা; এই আর্টিকেলটি {url} নামে প্রকাশ হবে</translation>
    </message>
    <message>
        <source>id {id} gives the page name {wanted}, already used by {owner} (id {owner_id}); this article is published as {url}</source>
        <translation>আইডি {id} থেকে পেজের নাম হয় {wanted}, যেটা {owner} (আইডি {owner_id}) আগেই নিয়েছে; এই আর্টিকেল প্রকাশ হচ্ছে {url} নামে</translation>
    </message>
</context>
<context>
    <name>FirstStart</name>
    <message>
        <source>Welcome to Gyan</source>
        <translation>Gyan-এ স্বাগতম</translation>
    </message>
    <message>
        <source>&lt;b&gt;Where is your knowledge base?&lt;/b&gt;&lt;br&gt;Gyan opens it at every start from now on; you can change it later.</source>
        <translation>&lt;b&gt;আপনার নলেজ বেস কোথায়?&lt;/b&gt;&lt;br&gt;এখন থেকে Gyan প্রতিবার চালু হলে এটাই খুলবে; পরে বদলাতে পারবেন।</translation>
    </message>
    <message>
        <source>&amp;Join my team&apos;s knowledge base…</source>
        <translation>আমার টিমের নলেজ বেসে যোগ দিন (&amp;J)…</translation>
    </message>
    <message>
        <source>Copy the articles your team shares (a git address from your IT or product staff). Search keeps working offline.</source>
        <translation>আপনার টিম যে আর্টিকেলগুলো শেয়ার করে সেগুলো কপি করুন (git ঠিকানাটা IT বা প্রোডাক্ট টিমের কাছ থেকে নিন)। ইন্টারনেট না থাকলেও খোঁজা চলবে।</translation>
    </message>
    <message>
        <source>&amp;Open a folder of articles on this computer…</source>
        <translation>এই কম্পিউটারের আর্টিকেল ফোল্ডার খুলুন (&amp;O)…</translation>
    </message>
    <message>
        <source>A folder of Markdown articles, such as one a colleague gave you.</source>
        <translation>Markdown আর্টিকেলের একটা ফোল্ডার, যেমন কোনো সহকর্মী যেটা দিয়েছেন।</translation>
    </message>
    <message>
        <source>&amp;Try the sample knowledge base</source>
        <translation>নমুনা নলেজ বেস দেখে নিন (&amp;T)</translation>
    </message>
    <message>
        <source>Articles that come with Gyan, in English and Bengali. Read-only: the first edit makes your own copy.</source>
        <translation>Gyan-এর সাথে আসা ইংরেজি আর বাংলা আর্টিকেল। শুধু পড়া যায়: প্রথমবার এডিট করলে আপনার নিজের একটা কপি তৈরি হবে।</translation>
    </message>
    <message>
        <source>The folder of articles</source>
        <translation>আর্টিকেলের ফোল্ডার</translation>
    </message>
    <message>
        <source>A git address from your IT or product staff: https, ssh, or a folder on a share</source>
        <translation>IT বা প্রোডাক্ট টিমের দেওয়া git ঠিকানা: https, ssh, বা শেয়ার করা কোনো ফোল্ডার</translation>
    </message>
    <message>
        <source>Where the team&apos;s articles are copied on this computer</source>
        <translation>এই কম্পিউটারে টিমের আর্টিকেলগুলো যেখানে কপি হবে</translation>
    </message>
    <message>
        <source>Kept in the system keyring, never in a file</source>
        <translation>সিস্টেমের কীরিং-এ রাখা হয়, কখনো ফাইলে নয়</translation>
    </message>
    <message>
        <source>&amp;Token or password:</source>
        <translation>টোকেন বা পাসওয়ার্ড (&amp;T):</translation>
    </message>
    <message>
        <source>Copying progress</source>
        <translation>কপি কতদূর হলো</translation>
    </message>
    <message>
        <source>&amp;Copy and open</source>
        <translation>কপি করে খুলুন (&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>পিছনে (&amp;B)</translation>
    </message>
    <message>
        <source>Back to the three choices</source>
        <translation>তিনটি বিকল্পে ফিরে যান</translation>
    </message>
    <message>
        <source>Team &amp;remote:</source>
        <translation>টিমের রিমোট (&amp;R):</translation>
    </message>
    <message>
        <source>This &amp;desk:</source>
        <translation>এই ডেস্ক (&amp;D):</translation>
    </message>
    <message>
        <source>&amp;New folder:</source>
        <translation>নতুন ফোল্ডার (&amp;N):</translation>
    </message>
    <message>
        <source>Token or password</source>
        <translation>টোকেন বা পাসওয়ার্ড</translation>
    </message>
    <message>
        <source>The token is {where}.</source>
        <translation>টোকেনটি {where}।</translation>
    </message>
    <message>
        <source>Copying the team&apos;s articles…</source>
        <translation>টিমের আর্টিকেল কপি হচ্ছে…</translation>
    </message>
    <message>
        <source>{stage}: {done} of {total}</source>
        <translation>{stage}: {total}টির মধ্যে {done}টি</translation>
    </message>
</context>
<context>
    <name>Health</name>
    <message>
        <source>review was due {n} day(s) ago</source>
        <translation>রিভিউয়ের তারিখ {n} দিন আগে পেরিয়ে গেছে</translation>
    </message>
    <message>
        <source>review due in {n} day(s)</source>
        <translation>রিভিউয়ের আর {n} দিন বাকি</translation>
    </message>
    <message>
        <source>no owner</source>
        <translation>দায়িত্বে কেউ নেই</translation>
    </message>
    <message>
        <source>no quick answer</source>
        <translation>দ্রুত উত্তর নেই</translation>
    </message>
</context>
<context>
    <name>HealthView</name>
    <message>
        <source>Your searches are recorded for the team&apos;s report</source>
        <translation>আপনার খোঁজগুলো টিমের রিপোর্টের জন্য রেকর্ড হচ্ছে</translation>
    </message>
    <message>
        <source>Your searches are no longer recorded</source>
        <translation>আপনার খোঁজ আর রেকর্ড হচ্ছে না</translation>
    </message>
    <message>
        <source>Nothing recorded yet.</source>
        <translation>এখনো কিছু রেকর্ড হয়নি।</translation>
    </message>
    <message>
        <source>What this desk recorded</source>
        <translation>এই ডেস্ক যা রেকর্ড করেছে</translation>
    </message>
    <message>
        <source>Only what you typed and did, never anything about the customer:

{events}</source>
        <translation>শুধু আপনি যা লিখেছেন আর করেছেন, গ্রাহকের কোনো তথ্য কখনোই নয়:

{events}</translation>
    </message>
</context>
<context>
    <name>HealthWindow</name>
    <message>
        <source>Knowledge health — Gyan</source>
        <translation>নলেজ বেসের অবস্থা — Gyan</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>সারসংক্ষেপ</translation>
    </message>
    <message>
        <source>Parts of the report</source>
        <translation>রিপোর্টের অংশগুলো</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>আর্টিকেল</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>দায়িত্বে</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>কতবার দেখা</translation>
    </message>
    <message>
        <source>Open flags</source>
        <translation>খোলা ফ্ল্যাগ</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>ফ্ল্যাগ</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>মন্তব্য</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>এজেন্ট</translation>
    </message>
    <message>
        <source>When</source>
        <translation>কখন</translation>
    </message>
    <message>
        <source>Searches that found nothing</source>
        <translation>যে খোঁজে কিছু পাওয়া যায়নি</translation>
    </message>
    <message>
        <source>Agents asked for</source>
        <translation>এজেন্টরা যা খুঁজেছেন</translation>
    </message>
    <message>
        <source>Searches</source>
        <translation>খোঁজ</translation>
    </message>
    <message>
        <source>Desks</source>
        <translation>ডেস্ক</translation>
    </message>
    <message>
        <source>Also typed</source>
        <translation>আরও যেভাবে লিখেছেন</translation>
    </message>
    <message>
        <source>Then opened</source>
        <translation>পরে যা খুলেছেন</translation>
    </message>
    <message>
        <source>Stale articles</source>
        <translation>পুরোনো হয়ে যাওয়া আর্টিকেল</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>কেন</translation>
    </message>
    <message>
        <source>Most and never viewed</source>
        <translation>সবচেয়ে বেশি ও কখনো না দেখা</translation>
    </message>
    <message>
        <source>Trends</source>
        <translation>প্রবণতা</translation>
    </message>
    <message>
        <source>&amp;Answer…</source>
        <translation>উত্তর দিন (&amp;A)…</translation>
    </message>
    <message>
        <source>Reply to the highlighted flag: the agent who raised it sees the answer</source>
        <translation>বাছাই করা ফ্ল্যাগের উত্তর দিন: যে এজেন্ট ফ্ল্যাগ করেছেন তিনি উত্তরটা দেখবেন</translation>
    </message>
    <message>
        <source>&amp;Write an article for this</source>
        <translation>এটার জন্য আর্টিকেল লিখুন (&amp;W)</translation>
    </message>
    <message>
        <source>Open the editor on a new article titled with what agents searched for</source>
        <translation>এজেন্টরা যা খুঁজেছেন সেই শিরোনামে নতুন আর্টিকেল এডিটরে খুলুন</translation>
    </message>
    <message>
        <source>&amp;Edit what they opened</source>
        <translation>যা খুলেছেন তা সম্পাদনা করুন (&amp;E)</translation>
    </message>
    <message>
        <source>Open the editor on the article agents opened after saying it in other words, to add the words they searched with</source>
        <translation>এজেন্টরা অন্য কথায় খুঁজে যে আর্টিকেল খুলেছেন সেটি এডিটরে খুলুন, যাতে তাঁদের খোঁজার শব্দগুলো যোগ করা যায়</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>পুরোনো</translation>
    </message>
    <message>
        <source>&amp;Mark reviewed</source>
        <translation>রিভিউ হয়েছে বলে চিহ্ন দিন (&amp;M)</translation>
    </message>
    <message>
        <source>Set the next review date, {days} days from today</source>
        <translation>পরের রিভিউয়ের তারিখ বসান, আজ থেকে {days} দিন পর</translation>
    </message>
    <message>
        <source>Building the report…</source>
        <translation>রিপোর্ট তৈরি হচ্ছে…</translation>
    </message>
    <message>
        <source>The report could not be built: {error}</source>
        <translation>রিপোর্ট তৈরি করা গেল না: {error}</translation>
    </message>
    <message>
        <source>{since} to {today}</source>
        <translation>{since} থেকে {today}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln desk(s)</source>
        <translation>
            <numerusform>%Lnটি ডেস্ক</numerusform>
            <numerusform>%Lnটি ডেস্ক</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln search(es)</source>
        <translation>
            <numerusform>%Lnটি খোঁজ</numerusform>
            <numerusform>%Lnটি খোঁজ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln open flag(s)</source>
        <translation>
            <numerusform>%Lnটি খোলা ফ্ল্যাগ</numerusform>
            <numerusform>%Lnটি খোলা ফ্ল্যাগ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln gap(s)</source>
        <translation>
            <numerusform>%Lnটি ঘাটতি</numerusform>
            <numerusform>%Lnটি ঘাটতি</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln stale article(s)</source>
        <translation>
            <numerusform>%Lnটি পুরোনো আর্টিকেল</numerusform>
            <numerusform>%Lnটি পুরোনো আর্টিকেল</numerusform>
        </translation>
    </message>
    <message>
        <source>never</source>
        <translation>কখনো না</translation>
    </message>
    <message>
        <source>{topic} ({count}, was {before} a week)</source>
        <translation>{topic} ({count}, আগে সপ্তাহে {before})</translation>
    </message>
    <message>
        <source>Rising this week: {topics}</source>
        <translation>এই সপ্তাহে বাড়ছে: {topics}</translation>
    </message>
    <message>
        <source>Nothing is rising this week.</source>
        <translation>এই সপ্তাহে কিছু বাড়ছে না।</translation>
    </message>
    <message>
        <source>Searches per week, by product</source>
        <translation>প্রতি সপ্তাহে খোঁজ, প্রোডাক্ট অনুযায়ী</translation>
    </message>
    <message>
        <source>Flags per week, by product</source>
        <translation>প্রতি সপ্তাহে ফ্ল্যাগ, প্রোডাক্ট অনুযায়ী</translation>
    </message>
    <message>
        <source>Nothing opened</source>
        <translation>কিছু খোলা হয়নি</translation>
    </message>
    <message>
        <source>Agents opened nothing after this search. Write an article for it, or add its words to the article that answers it.</source>
        <translation>এই খোঁজার পরে এজেন্টরা কিছু খোলেননি। এর জন্য একটি আর্টিকেল লিখুন, অথবা এর শব্দগুলো যে আর্টিকেল উত্তর দেয় তাতে যোগ করুন।</translation>
    </message>
    <message>
        <source>Answer the flag</source>
        <translation>ফ্ল্যাগের উত্তর দিন</translation>
    </message>
    <message>
        <source>{agent} flagged “{title}” as {kind}:
{comment}

Your answer (the agent sees it):</source>
        <translation>{agent} “{title}” আর্টিকেলটি {kind} বলে ফ্ল্যাগ করেছেন:
{comment}

আপনার উত্তর (এজেন্ট এটা দেখবেন):</translation>
    </message>
    <message>
        <source>(no comment)</source>
        <translation>(কোনো মন্তব্য নেই)</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>করা যায়নি</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>History of {path}</source>
        <translation>{path}-এর ইতিহাস</translation>
    </message>
    <message>
        <source>Revisions</source>
        <translation>সংস্করণগুলো</translation>
    </message>
    <message>
        <source>Select one to compare it with the one before, or two to compare them</source>
        <translation>একটা বাছলে আগেরটার সাথে মেলানো হবে, দুটো বাছলে সে দুটো</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>পার্থক্য</translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation>ইতিহাস পড়া হচ্ছে…</translation>
    </message>
    <message>
        <source>&amp;Side by side</source>
        <translation>পাশাপাশি (&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Restore this revision</source>
        <translation>এই সংস্করণ ফিরিয়ে আনুন (&amp;R)</translation>
    </message>
    <message>
        <source>Save the selected revision&apos;s text as a new revision</source>
        <translation>বাছাই করা সংস্করণের লেখা নতুন সংস্করণ হিসেবে সেভ করুন</translation>
    </message>
    <message>
        <source>Select one revision to compare it with the one before, or two to compare them.</source>
        <translation>একটা সংস্করণ বাছলে আগেরটার সাথে মেলানো হবে, দুটো বাছলে সে দুটো।</translation>
    </message>
    <message>
        <source>No revisions of this article are recorded yet.</source>
        <translation>এই আর্টিকেলের কোনো সংস্করণ এখনো রেকর্ড হয়নি।</translation>
    </message>
    <message>
        <source>The history could not be read: {error}</source>
        <translation>ইতিহাস পড়া গেল না: {error}</translation>
    </message>
    <message>
        <source>The first revision of this article.</source>
        <translation>এটা এই আর্টিকেলের প্রথম সংস্করণ।</translation>
    </message>
</context>
<context>
    <name>Home</name>
    <message>
        <source>Show the articles updated since you last looked (Ctrl+H)</source>
        <translation>আপনি শেষবার দেখার পর যেসব আর্টিকেল হালনাগাদ হয়েছে সেগুলো দেখুন (Ctrl+H)</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>পিন করা</translation>
    </message>
    <message>
        <source>Updated since you last looked ({count})</source>
        <translation>শেষবার দেখার পর হালনাগাদ ({count})</translation>
    </message>
    <message>
        <source>Recently opened</source>
        <translation>সম্প্রতি খোলা</translation>
    </message>
    <message>
        <source>{count} more updated: show {page} more (Enter)</source>
        <translation>আরও {count}টি হালনাগাদ: আরও {page}টি দেখুন (Enter)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln updated since you last looked</source>
        <translation>
            <numerusform>শেষবার দেখার পর %Lnটি হালনাগাদ</numerusform>
            <numerusform>শেষবার দেখার পর %Lnটি হালনাগাদ</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Index</name>
    <message>
        <source>the index of {folder} is not built yet, or is being rebuilt: searches find nothing until it is (still indexing; `kb index` builds it)</source>
        <translation>{folder}-এর ইনডেক্স এখনো তৈরি হয়নি, বা আবার তৈরি হচ্ছে: শেষ না হওয়া পর্যন্ত খুঁজলে কিছু পাওয়া যাবে না (ইনডেক্স চলছে; `kb index` এটা তৈরি করে)</translation>
    </message>
    <message>
        <source>The search index was damaged ({reason}); it has been rebuilt.</source>
        <translation>খোঁজার ইনডেক্স নষ্ট হয়ে গিয়েছিল ({reason}); নতুন করে তৈরি করা হয়েছে।</translation>
    </message>
    <message>
        <source>reading it failed</source>
        <translation>পড়া যায়নি</translation>
    </message>
    <message>
        <source>cannot create the index folder {folder}: {reason}</source>
        <translation>ইনডেক্সের ফোল্ডার {folder} তৈরি করা যাচ্ছে না: {reason}</translation>
    </message>
    <message>
        <source>cannot write the index in {folder}: {reason}</source>
        <translation>{folder}-এ ইনডেক্স লেখা যাচ্ছে না: {reason}</translation>
    </message>
    <message>
        <source>free some disk space and run `kb index` again; searches meanwhile use the index as it was</source>
        <translation>ডিস্কে কিছু জায়গা খালি করে আবার `kb index` চালান; ততক্ষণ খোঁজা আগের ইনডেক্স দিয়েই চলবে</translation>
    </message>
    <message>
        <source>make that folder writable, or keep the index elsewhere (`--index DIR`, or the GYAN_CACHE_DIR environment variable)</source>
        <translation>ফোল্ডারটায় লেখার অনুমতি দিন, অথবা ইনডেক্স অন্য কোথাও রাখুন (`--index DIR`, বা GYAN_CACHE_DIR এনভায়রনমেন্ট ভেরিয়েবল)</translation>
    </message>
    <message>
        <source>the index is only a cache of the articles: remove that folder, or choose another with `--index DIR`, and run `kb index` again</source>
        <translation>ইনডেক্স শুধু আর্টিকেলগুলোর একটা ক্যাশ: ফোল্ডারটা মুছে ফেলুন, বা `--index DIR` দিয়ে অন্য ফোল্ডার বাছুন, তারপর আবার `kb index` চালান</translation>
    </message>
    <message>
        <source>{problem}. To fix: {advice}.</source>
        <translation>{problem}। ঠিক করতে: {advice}।</translation>
    </message>
    <message>
        <source>the search index was not updated yet ({error})</source>
        <translation>খোঁজার ইনডেক্স এখনো হালনাগাদ হয়নি ({error})</translation>
    </message>
    <message>
        <source>Part of the search index could not be read, so some articles may be missing from the results. It is being rebuilt.</source>
        <translation>খোঁজার ইনডেক্সের একটা অংশ পড়া যায়নি, তাই ফলাফলে কিছু আর্টিকেল বাদ পড়তে পারে। ইনডেক্স নতুন করে তৈরি হচ্ছে।</translation>
    </message>
    <message>
        <source>{folder} is not there any more: showing the bundled sample</source>
        <translation>{folder} আর নেই: সঙ্গে দেওয়া নমুনা নলেজ বেস দেখানো হচ্ছে</translation>
    </message>
    <message>
        <source>This desk&apos;s records ({file}) were damaged ({error}); they were kept as {aside} and a new record was started.</source>
        <translation>এই ডেস্কের রেকর্ড ({file}) নষ্ট হয়ে গিয়েছিল ({error}); সেটা {aside} নামে রেখে দেওয়া হয়েছে, আর নতুন রেকর্ড শুরু হয়েছে।</translation>
    </message>
</context>
<context>
    <name>Indexing</name>
    <message>
        <source>Could not update the index: {error}</source>
        <translation>ইনডেক্স হালনাগাদ করা গেল না: {error}</translation>
    </message>
    <message>
        <source>Indexing {done} of {total} articles…</source>
        <translation>ইনডেক্স হচ্ছে: {total}টির মধ্যে {done}টি আর্টিকেল…</translation>
    </message>
    <message>
        <source>Search is not available yet: {error}</source>
        <translation>খোঁজা এখনো যাচ্ছে না: {error}</translation>
    </message>
</context>
<context>
    <name>LinkPicker</name>
    <message>
        <source>Link to an article</source>
        <translation>আর্টিকেলের লিংক দিন</translation>
    </message>
    <message>
        <source>Type to find the article…</source>
        <translation>আর্টিকেল খুঁজতে লিখুন…</translation>
    </message>
    <message>
        <source>Find the article to link to</source>
        <translation>যে আর্টিকেলের লিংক দেবেন সেটা খুঁজুন</translation>
    </message>
    <message>
        <source>Up and Down choose among the results, Enter links the chosen one</source>
        <translation>Up আর Down দিয়ে ফলাফল বাছুন, Enter চাপলে বাছাইটার লিংক বসবে</translation>
    </message>
    <message>
        <source>Articles found</source>
        <translation>পাওয়া আর্টিকেল</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Opening the knowledge base…</source>
        <translation>নলেজ বেস খোলা হচ্ছে…</translation>
    </message>
    <message>
        <source>Search articles (Ctrl+K)…</source>
        <translation>আর্টিকেল খুঁজুন (Ctrl+K)…</translation>
    </message>
    <message>
        <source>Search articles</source>
        <translation>আর্টিকেল খুঁজুন</translation>
    </message>
    <message>
        <source>Results follow every key. Up and Down move through them, Enter opens the highlighted one, Esc clears the search.</source>
        <translation>প্রতিটি অক্ষর লেখার সাথে সাথে ফলাফল আসে। Up আর Down দিয়ে ফলাফলে যান, Enter চাপলে বাছাইটা খুলবে, Esc চাপলে খোঁজা মুছে যাবে।</translation>
    </message>
    <message>
        <source>All</source>
        <translation>সব</translation>
    </message>
    <message>
        <source>English</source>
        <translation>ইংরেজি</translation>
    </message>
    <message>
        <source>Bengali</source>
        <translation>বাংলা</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>প্রোডাক্ট</translation>
    </message>
    <message>
        <source>Only articles about this product</source>
        <translation>শুধু এই প্রোডাক্টের আর্টিকেল</translation>
    </message>
    <message>
        <source>Article language</source>
        <translation>আর্টিকেলের ভাষা</translation>
    </message>
    <message>
        <source>Only articles in this language</source>
        <translation>শুধু এই ভাষার আর্টিকেল</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>ফলাফল</translation>
    </message>
    <message>
        <source>The highlighted result is shown in the article pane; Enter opens it</source>
        <translation>বাছাই করা ফলাফলটি আর্টিকেল প্যানে দেখায়; Enter চাপলে খুলবে</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>অগ্রগতি</translation>
    </message>
    <message>
        <source>&amp;Product</source>
        <translation>প্রোডাক্ট (&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>ভাষা (&amp;L)</translation>
    </message>
    <message>
        <source>Search is not available yet: {error}</source>
        <translation>খোঁজা এখনো যাচ্ছে না: {error}</translation>
    </message>
    <message numerus="yes">
        <source>Showing results for &lt;a href=&quot;use&quot;&gt;&lt;b&gt;{words}&lt;/b&gt;&lt;/a&gt; (%Ln found)</source>
        <translation>
            <numerusform>&lt;a href=&quot;use&quot;&gt;&lt;b&gt;{words}&lt;/b&gt;&lt;/a&gt;-এর ফলাফল দেখানো হচ্ছে (%Lnটি পাওয়া গেছে)</numerusform>
            <numerusform>&lt;a href=&quot;use&quot;&gt;&lt;b&gt;{words}&lt;/b&gt;&lt;/a&gt;-এর ফলাফল দেখানো হচ্ছে (%Lnটি পাওয়া গেছে)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln result(s)</source>
        <translation>
            <numerusform>%Lnটি ফলাফল</numerusform>
            <numerusform>%Lnটি ফলাফল</numerusform>
        </translation>
    </message>
    <message>
        <source>No results yet: still indexing ({done} of {total})</source>
        <translation>এখনো কোনো ফলাফল নেই: ইনডেক্স চলছে ({total}টির মধ্যে {done}টি)</translation>
    </message>
    <message>
        <source>No article matches “{query}”.</source>
        <translation>“{query}”-এর সাথে মেলে এমন কোনো আর্টিকেল নেই।</translation>
    </message>
    <message>
        <source>Search includes drafts and archived articles</source>
        <translation>খোঁজায় খসড়া আর আর্কাইভ করা আর্টিকেলও আসছে</translation>
    </message>
    <message>
        <source>Drafts and archived articles are hidden again</source>
        <translation>খসড়া আর আর্কাইভ করা আর্টিকেল আবার লুকানো হলো</translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s) could not be read</source>
        <translation>
            <numerusform>%Lnটি ফাইল পড়া যায়নি</numerusform>
            <numerusform>%Lnটি ফাইল পড়া যায়নি</numerusform>
        </translation>
    </message>
    <message>
        <source>{count} articles</source>
        <translation>{count}টি আর্টিকেল</translation>
    </message>
</context>
<context>
    <name>MeaningUpdates</name>
    <message>
        <source>Could not rank by meaning: {error}</source>
        <translation>অর্থ দিয়ে সাজানো গেল না: {error}</translation>
    </message>
    <message>
        <source>Reading what articles mean: {done} of {total}…</source>
        <translation>আর্টিকেলের অর্থ পড়া হচ্ছে: {total}টির মধ্যে {done}টি…</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>Flag as helpful…</source>
        <translation>কাজের বলে ফ্ল্যাগ করুন…</translation>
    </message>
    <message>
        <source>Flag as outdated…</source>
        <translation>পুরোনো বলে ফ্ল্যাগ করুন…</translation>
    </message>
    <message>
        <source>Flag as wrong…</source>
        <translation>ভুল বলে ফ্ল্যাগ করুন…</translation>
    </message>
    <message>
        <source>Theme: system</source>
        <translation>থিম: সিস্টেমের মতো</translation>
    </message>
    <message>
        <source>Theme: light</source>
        <translation>থিম: হালকা</translation>
    </message>
    <message>
        <source>Theme: dark</source>
        <translation>থিম: গাঢ়</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>খুঁজুন (&amp;S)</translation>
    </message>
    <message>
        <source>Go to search box</source>
        <translation>খোঁজার বক্সে যান</translation>
    </message>
    <message>
        <source>Home: pinned, recent, changed</source>
        <translation>হোম: পিন করা, সাম্প্রতিক, বদলানো</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>কী বদলেছে</translation>
    </message>
    <message>
        <source>Record my searches for the team</source>
        <translation>টিমের জন্য আমার খোঁজ রেকর্ড করুন</translation>
    </message>
    <message>
        <source>What this desk recorded…</source>
        <translation>এই ডেস্ক কী রেকর্ড করেছে…</translation>
    </message>
    <message>
        <source>Lift what the team keeps opening</source>
        <translation>টিম যা বারবার খোলে তা ওপরে আনুন</translation>
    </message>
    <message>
        <source>Rank English searches by meaning</source>
        <translation>ইংরেজি খোঁজ অর্থ দিয়েও সাজান</translation>
    </message>
    <message>
        <source>&amp;Article</source>
        <translation>আর্টিকেল (&amp;A)</translation>
    </message>
    <message>
        <source>Copy quick answer</source>
        <translation>দ্রুত উত্তর কপি করুন</translation>
    </message>
    <message>
        <source>Copy article as plain text</source>
        <translation>আর্টিকেল সাধারণ লেখা হিসেবে কপি করুন</translation>
    </message>
    <message>
        <source>Copy article as Markdown</source>
        <translation>আর্টিকেল Markdown হিসেবে কপি করুন</translation>
    </message>
    <message>
        <source>Pin / unpin</source>
        <translation>পিন করুন / পিন সরান</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>দেখুন (&amp;V)</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>লেখা বড় করুন</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>লেখা ছোট করুন</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>এডিট (&amp;E)</translation>
    </message>
    <message>
        <source>New article…</source>
        <translation>নতুন আর্টিকেল…</translation>
    </message>
    <message>
        <source>Edit this article</source>
        <translation>এই আর্টিকেল এডিট করুন</translation>
    </message>
    <message>
        <source>Include drafts and archived articles</source>
        <translation>খসড়া আর আর্কাইভ করা আর্টিকেলও দেখান</translation>
    </message>
    <message>
        <source>Preferences…</source>
        <translation>সেটিংস…</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>প্রকাশ (&amp;P)</translation>
    </message>
    <message>
        <source>Export public website…</source>
        <translation>পাবলিক ওয়েবসাইট এক্সপোর্ট করুন…</translation>
    </message>
    <message>
        <source>Knowledge health…</source>
        <translation>নলেজ বেসের অবস্থা…</translation>
    </message>
    <message>
        <source>&amp;Index</source>
        <translation>ইনডেক্স (&amp;I)</translation>
    </message>
    <message>
        <source>Check the folder for changes now</source>
        <translation>ফোল্ডারে কোনো পরিবর্তন আছে কি না এখনই দেখুন</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>সাহায্য (&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Gyan</source>
        <translation>Gyan সম্পর্কে (&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>সেভ করুন (&amp;S)</translation>
    </message>
    <message>
        <source>Insert &amp;image…</source>
        <translation>ছবি বসান (&amp;I)…</translation>
    </message>
    <message>
        <source>Insert &amp;link to article…</source>
        <translation>আর্টিকেলের লিংক বসান (&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>ইতিহাস (&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Rename or move…</source>
        <translation>নাম বদলান বা সরান (&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Archive (restorable)</source>
        <translation>আর্কাইভ করুন (পরে ফেরানো যাবে) (&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Delete permanently…</source>
        <translation>একেবারে মুছে ফেলুন (&amp;D)…</translation>
    </message>
    <message>
        <source>Your &amp;name for the history…</source>
        <translation>ইতিহাসে আপনার নাম (&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>বন্ধ করুন (&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Team</source>
        <translation>টিম (&amp;T)</translation>
    </message>
    <message>
        <source>Sync with the team now</source>
        <translation>এখনই টিমের সাথে সিঙ্ক করুন</translation>
    </message>
    <message>
        <source>Resolve articles changed here and by someone else…</source>
        <translation>এখানে আর অন্য কারও বদলানো আর্টিকেলের মীমাংসা করুন…</translation>
    </message>
    <message>
        <source>Team remote and this desk&apos;s role…</source>
        <translation>টিমের রিমোট আর এই ডেস্কের ভূমিকা…</translation>
    </message>
    <message>
        <source>Sign in to the team&apos;s remote…</source>
        <translation>টিমের রিমোটে সাইন ইন করুন…</translation>
    </message>
    <message>
        <source>Join a team (copy its articles into a new folder)…</source>
        <translation>কোনো টিমে যোগ দিন (তাদের আর্টিকেল নতুন ফোল্ডারে কপি হবে)…</translation>
    </message>
</context>
<context>
    <name>PaneCommands</name>
    <message>
        <source>Answer to your “{kind}” flag ({comment}): {reply} — {by}, {date}</source>
        <translation>আপনার “{kind}” ফ্ল্যাগের ({comment}) উত্তর: {reply} — {by}, {date}</translation>
    </message>
    <message>
        <source>Answer to your “{kind}” flag: {reply} — {by}, {date}</source>
        <translation>আপনার “{kind}” ফ্ল্যাগের উত্তর: {reply} — {by}, {date}</translation>
    </message>
    <message>
        <source>Quick answer copied</source>
        <translation>দ্রুত উত্তর কপি হয়েছে</translation>
    </message>
    <message>
        <source>Article copied as plain text</source>
        <translation>আর্টিকেল সাধারণ লেখা হিসেবে কপি হয়েছে</translation>
    </message>
    <message>
        <source>Article copied as Markdown</source>
        <translation>আর্টিকেল Markdown হিসেবে কপি হয়েছে</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>পিন করা হয়েছে</translation>
    </message>
    <message>
        <source>Unpinned</source>
        <translation>পিন সরানো হয়েছে</translation>
    </message>
    <message>
        <source>Flag as {kind}</source>
        <translation>{kind} বলে ফ্ল্যাগ করুন</translation>
    </message>
    <message>
        <source>Flag “{title}” as {kind}.
Comment for the product team (optional):</source>
        <translation>“{title}” আর্টিকেলটি {kind} বলে ফ্ল্যাগ করুন।
প্রোডাক্ট টিমের জন্য মন্তব্য (না দিলেও চলবে):</translation>
    </message>
    <message>
        <source>Flagged as {kind}: thank you</source>
        <translation>{kind} বলে ফ্ল্যাগ করা হয়েছে: ধন্যবাদ</translation>
    </message>
</context>
<context>
    <name>PaneFollower</name>
    <message>
        <source>Type to search. Ctrl+K returns to the search box.</source>
        <translation>খুঁজতে লিখুন। Ctrl+K চাপলে খোঁজার বক্সে ফিরে যাবেন।</translation>
    </message>
    <message>
        <source>This article was removed from the knowledge base.</source>
        <translation>আর্টিকেলটি নলেজ বেস থেকে সরিয়ে ফেলা হয়েছে।</translation>
    </message>
    <message>
        <source>This article cannot be shown: {error}</source>
        <translation>আর্টিকেলটি দেখানো যাচ্ছে না: {error}</translation>
    </message>
    <message>
        <source>This article was just updated</source>
        <translation>আর্টিকেলটি এইমাত্র হালনাগাদ হলো</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>সেটিংস</translation>
    </message>
    <message>
        <source>As the system ({language})</source>
        <translation>সিস্টেমের মতো ({language})</translation>
    </message>
    <message>
        <source>The language of menus, buttons and messages; articles are found in every language</source>
        <translation>মেনু, বাটন আর বার্তার ভাষা; আর্টিকেল সব ভাষাতেই খুঁজে পাওয়া যায়</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>সিস্টেমের মতো</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>হালকা</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>গাঢ়</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> পয়েন্ট</translation>
    </message>
    <message>
        <source>The size of the results and the article (Ctrl+= and Ctrl+- change it too)</source>
        <translation>ফলাফল আর আর্টিকেলের লেখার আকার (Ctrl+= আর Ctrl+- দিয়েও বদলানো যায়)</translation>
    </message>
    <message>
        <source>Recorded with each revision you save in the articles&apos; history</source>
        <translation>আপনার সেভ করা প্রতিটি সংস্করণের সাথে আর্টিকেলের ইতিহাসে লেখা থাকে</translation>
    </message>
    <message>
        <source>Recorded with each flag you raise, so staff can answer you</source>
        <translation>আপনার প্রতিটি ফ্ল্যাগের সাথে লেখা থাকে, যাতে স্টাফরা আপনাকে উত্তর দিতে পারেন</translation>
    </message>
    <message>
        <source>&amp;Record my searches for the team&apos;s report</source>
        <translation>টিমের রিপোর্টের জন্য আমার খোঁজ রেকর্ড করুন (&amp;R)</translation>
    </message>
    <message>
        <source>Only what you type and open, never anything about the customer</source>
        <translation>শুধু আপনি যা লেখেন আর খোলেন, গ্রাহকের কোনো তথ্য কখনোই নয়</translation>
    </message>
    <message>
        <source>&amp;Lift the articles the team keeps opening</source>
        <translation>টিম যেসব আর্টিকেল বারবার খোলে সেগুলো ওপরে আনুন (&amp;L)</translation>
    </message>
    <message>
        <source>Rank English searches by &amp;meaning too</source>
        <translation>ইংরেজি খোঁজ অর্থ দিয়েও সাজান (&amp;M)</translation>
    </message>
    <message>
        <source>Finds the article that says what the customer means in other words; runs in the background after indexing</source>
        <translation>গ্রাহক অন্য কথায় যা বোঝাচ্ছেন, সেই কথা বলা আর্টিকেলটি খুঁজে দেয়; ইনডেক্স হওয়ার পর পেছনে চলে</translation>
    </message>
    <message>
        <source> s</source>
        <translation> সেকেন্ড</translation>
    </message>
    <message>
        <source>How often this desk syncs with the team&apos;s remote in the background (F6: now)</source>
        <translation>এই ডেস্ক পেছনে কত পরপর টিমের রিমোটের সাথে সিঙ্ক করবে (F6: এখনই)</translation>
    </message>
    <message>
        <source>The folder of articles this window searches; the next start opens it too</source>
        <translation>এই উইন্ডো যে আর্টিকেল ফোল্ডারে খোঁজে; পরের বার চালু হলেও এটাই খুলবে</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>বাছুন (&amp;H)…</translation>
    </message>
    <message>
        <source>Choose the articles folder</source>
        <translation>আর্টিকেল ফোল্ডার বাছুন</translation>
    </message>
    <message>
        <source>&amp;Team remote and this desk&apos;s role…</source>
        <translation>টিমের রিমোট আর এই ডেস্কের ভূমিকা (&amp;T)…</translation>
    </message>
    <message>
        <source>Now: {address}</source>
        <translation>এখন: {address}</translation>
    </message>
    <message>
        <source>This folder is not shared with a team</source>
        <translation>এই ফোল্ডার কোনো টিমের সাথে শেয়ার করা নেই</translation>
    </message>
    <message>
        <source>Interface &amp;language:</source>
        <translation>অ্যাপের ভাষা (&amp;L):</translation>
    </message>
    <message>
        <source>T&amp;heme:</source>
        <translation>থিম (&amp;H):</translation>
    </message>
    <message>
        <source>Text &amp;size:</source>
        <translation>লেখার আকার (&amp;S):</translation>
    </message>
    <message>
        <source>Your &amp;name (history):</source>
        <translation>আপনার নাম, ইতিহাসে (&amp;N):</translation>
    </message>
    <message>
        <source>Your name for &amp;flags:</source>
        <translation>ফ্ল্যাগে আপনার নাম (&amp;F):</translation>
    </message>
    <message>
        <source>&amp;Articles folder:</source>
        <translation>আর্টিকেল ফোল্ডার (&amp;A):</translation>
    </message>
    <message>
        <source>Sync with the team &amp;every:</source>
        <translation>টিমের সাথে সিঙ্ক করুন প্রতি (&amp;E):</translation>
    </message>
    <message>
        <source>Not shared with a team</source>
        <translation>কোনো টিমের সাথে শেয়ার করা নেই</translation>
    </message>
    <message>
        <source>The folder of articles</source>
        <translation>আর্টিকেলের ফোল্ডার</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>{name} held control characters (YAML escapes such as \0 or \e); they are left out</source>
        <translation>{name}-এ কন্ট্রোল অক্ষর ছিল (\0 বা \e-এর মতো YAML এস্কেপ); সেগুলো বাদ দেওয়া হয়েছে</translation>
    </message>
    <message>
        <source>the article is {size} KB long; the app and the website show its first {shown} KB</source>
        <translation>আর্টিকেলটি {size} KB লম্বা; অ্যাপ আর ওয়েবসাইট এর প্রথম {shown} KB দেখায়</translation>
    </message>
    <message>
        <source>file is {size} MB; articles over {limit} MB are not read</source>
        <translation>ফাইলটি {size} MB; {limit} MB-এর বড় আর্টিকেল পড়া হয় না</translation>
    </message>
    <message>
        <source>cannot be read: {reason}</source>
        <translation>পড়া যাচ্ছে না: {reason}</translation>
    </message>
    <message>
        <source>is a binary file, not Markdown text</source>
        <translation>এটা বাইনারি ফাইল, Markdown লেখা নয়</translation>
    </message>
    <message>
        <source>is not UTF-8 text (byte {byte} at offset {offset})</source>
        <translation>UTF-8 লেখা নয় ({offset} নম্বর অবস্থানে বাইট {byte})</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>ফাঁকা</translation>
    </message>
    <message>
        <source>front matter opened with &apos;---&apos; is never closed</source>
        <translation>&apos;---&apos; দিয়ে শুরু হওয়া ফ্রন্ট ম্যাটার কোথাও বন্ধ হয়নি</translation>
    </message>
    <message>
        <source>front matter is over {n} KB; move the text into the article body</source>
        <translation>ফ্রন্ট ম্যাটার {n} KB-এর বেশি; লেখাটা আর্টিকেলের মূল অংশে সরিয়ে নিন</translation>
    </message>
    <message>
        <source>front matter must be a mapping of keys to values</source>
        <translation>ফ্রন্ট ম্যাটারে প্রতিটি লাইন হতে হবে কী: মান আকারে</translation>
    </message>
    <message>
        <source>invalid YAML front matter: {reason}</source>
        <translation>ফ্রন্ট ম্যাটারের YAML ঠিক নেই: {reason}</translation>
    </message>
    <message>
        <source>id {value} must be non-empty without spaces; using {default}</source>
        <translation>আইডি {value} খালি রাখা যাবে না, ফাঁকাও থাকা চলবে না; {default} ব্যবহার হচ্ছে</translation>
    </message>
    <message>
        <source>title is empty</source>
        <translation>শিরোনাম খালি</translation>
    </message>
    <message>
        <source>language {value} is not a language code like &apos;en&apos; or &apos;bn&apos;; using &apos;en&apos;</source>
        <translation>ভাষা {value} &apos;en&apos; বা &apos;bn&apos;-এর মতো কোনো ভাষার কোড নয়; &apos;en&apos; ধরা হচ্ছে</translation>
    </message>
    <message>
        <source>{name} must be text, not a {kind}</source>
        <translation>{name} হতে হবে লেখা, {kind} নয়</translation>
    </message>
    <message>
        <source>tags must be a list such as [refund, billing]</source>
        <translation>ট্যাগ হতে হবে তালিকা, যেমন [refund, billing]</translation>
    </message>
    <message>
        <source>{name} {value} is not one of {allowed}; treated as {fallback}</source>
        <translation>{name} {value} এগুলোর কোনোটি নয়: {allowed}; {fallback} ধরা হচ্ছে</translation>
    </message>
    <message>
        <source>{name} {value} is not a date (use YYYY-MM-DD); ignored</source>
        <translation>{name} {value} কোনো তারিখ নয় (YYYY-MM-DD আকারে লিখুন); বাদ দেওয়া হলো</translation>
    </message>
    <message>
        <source>link to {target}: no such file</source>
        <translation>{target}-এর লিংক: এমন কোনো ফাইল নেই</translation>
    </message>
    <message>
        <source>the file name is not valid UTF-8; rename it to read it</source>
        <translation>ফাইলের নাম সঠিক UTF-8 নয়; পড়তে হলে নাম বদলান</translation>
    </message>
    <message>
        <source>links to {target}, outside the articles folder; not read</source>
        <translation>আর্টিকেল ফোল্ডারের বাইরে {target}-এর লিংক; পড়া হয়নি</translation>
    </message>
    <message>
        <source>is not a regular file; not read</source>
        <translation>সাধারণ ফাইল নয়; পড়া হয়নি</translation>
    </message>
    <message>
        <source>links to {target}, which does not exist; not read</source>
        <translation>{target}-এর লিংক, কিন্তু সেটা নেই; পড়া হয়নি</translation>
    </message>
    <message>
        <source>leads back to a folder already read (a link loop); skipped</source>
        <translation>আগেই পড়া একটা ফোল্ডারে ফিরে যায় (লিংকের চক্র); বাদ দেওয়া হলো</translation>
    </message>
    <message>
        <source>is more than {n} folders deep; not read</source>
        <translation>{n}টির বেশি ফোল্ডারের গভীরে; পড়া হয়নি</translation>
    </message>
    <message>
        <source>folder cannot be read: {reason}</source>
        <translation>ফোল্ডার পড়া যাচ্ছে না: {reason}</translation>
    </message>
    <message>
        <source>&apos;::: internal&apos; block is never closed with &apos;:::&apos;; the rest of the article is treated as internal</source>
        <translation>&apos;::: internal&apos; অংশ কোথাও &apos;:::&apos; দিয়ে বন্ধ হয়নি; আর্টিকেলের বাকিটা অভ্যন্তরীণ ধরা হচ্ছে</translation>
    </message>
    <message>
        <source>&apos;::: internal&apos; blocks are nested too deep to be sure what is public; the whole article is treated as internal</source>
        <translation>&apos;::: internal&apos; অংশগুলো এত গভীরভাবে একটার ভেতরে আরেকটা যে কোনটা পাবলিক নিশ্চিত হওয়া যাচ্ছে না; পুরো আর্টিকেল অভ্যন্তরীণ ধরা হচ্ছে</translation>
    </message>
    <message>
        <source>{path}:{line}: warning: {message}</source>
        <translation>{path}:{line}: সতর্কতা: {message}</translation>
    </message>
    <message>
        <source>{path}: warning: {message}</source>
        <translation>{path}: সতর্কতা: {message}</translation>
    </message>
    <message>
        <source>{path}:{line}: error: {message}</source>
        <translation>{path}:{line}: সমস্যা: {message}</translation>
    </message>
    <message>
        <source>{path}: error: {message}</source>
        <translation>{path}: সমস্যা: {message}</translation>
    </message>
    <message>
        <source>duplicate id {id} (already used by {owner}); this file is skipped</source>
        <translation>একই আইডি {id} দুবার ({owner} আগেই নিয়েছে); এই ফাইল বাদ দেওয়া হলো</translation>
    </message>
    <message>
        <source>is not a regular file</source>
        <translation>সাধারণ ফাইল নয়</translation>
    </message>
    <message>
        <source>is larger than {n} MB</source>
        <translation>{n} MB-এর চেয়ে বড়</translation>
    </message>
    <message>
        <source>a synonym group needs at least two entries separated by commas</source>
        <translation>সমার্থক শব্দের দলে কমা দিয়ে আলাদা করা অন্তত দুটি শব্দ লাগে</translation>
    </message>
</context>
<context>
    <name>Publisher</name>
    <message>
        <source>Open exported site in browser</source>
        <translation>এক্সপোর্ট করা সাইট ব্রাউজারে খুলুন</translation>
    </message>
    <message>
        <source>Export the public website to</source>
        <translation>পাবলিক ওয়েবসাইট যেখানে এক্সপোর্ট হবে</translation>
    </message>
    <message>
        <source>Exporting the public articles to {folder}…</source>
        <translation>পাবলিক আর্টিকেলগুলো {folder}-এ এক্সপোর্ট হচ্ছে…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln public article(s) to {folder}</source>
        <translation>
            <numerusform>%Lnটি পাবলিক আর্টিকেল {folder}-এ এক্সপোর্ট হয়েছে</numerusform>
            <numerusform>%Lnটি পাবলিক আর্টিকেল {folder}-এ এক্সপোর্ট হয়েছে</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %Ln more</source>
        <translation>
            <numerusform>… আর আরও %Lnটি</numerusform>
            <numerusform>… আর আরও %Lnটি</numerusform>
        </translation>
    </message>
    <message>
        <source>Exported, with things left out</source>
        <translation>এক্সপোর্ট হয়েছে, তবে কিছু বাদ পড়েছে</translation>
    </message>
    <message>
        <source>The website was written, but these were left out:

{list}

Run `kb check` on the folder for details.</source>
        <translation>ওয়েবসাইট তৈরি হয়েছে, কিন্তু এগুলো বাদ পড়েছে:

{list}

বিস্তারিত জানতে ফোল্ডারে `kb check` চালান।</translation>
    </message>
    <message>
        <source>Export not done</source>
        <translation>এক্সপোর্ট হয়নি</translation>
    </message>
    <message>
        <source>Export failed: {error}</source>
        <translation>এক্সপোর্ট ব্যর্থ হয়েছে: {error}</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>আগের অবস্থায় ফিরুন (&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>আবার করুন (&amp;R)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>কাটুন (&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>কপি করুন (&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>পেস্ট করুন (&amp;P)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>মুছুন</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>সব বাছুন</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>ঠিক আছে</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>বাতিল</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>সেভ করুন</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>বাদ দিন</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>বন্ধ করুন</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>হ্যাঁ (&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>না (&amp;N)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>খুলুন</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>প্রয়োগ করুন</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>সাহায্য</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <source>&amp;Undo</source>
        <translation>আগের অবস্থায় ফিরুন (&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>আবার করুন (&amp;R)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>কাটুন (&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>কপি করুন (&amp;C)</translation>
    </message>
    <message>
        <source>Copy &amp;Link Location</source>
        <translation>লিংকের ঠিকানা কপি করুন (&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>পেস্ট করুন (&amp;P)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>মুছুন</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>সব বাছুন</translation>
    </message>
</context>
<context>
    <name>Saving</name>
    <message>
        <source>Also changed by someone else, to “{theirs}”; yours is kept here.</source>
        <translation>অন্য কেউও বদলেছেন, “{theirs}” করে; এখানে আপনারটাই রাখা হয়েছে।</translation>
    </message>
    <message>
        <source>{path}: an article is a .md path inside the articles folder</source>
        <translation>{path}: আর্টিকেল মানে আর্টিকেল ফোল্ডারের ভেতরের একটা .md পাথ</translation>
    </message>
    <message>
        <source>it is a link to {target}, which is outside the articles folder; edit that file where it is, or replace the link with a copy of it</source>
        <translation>এটা {target}-এর লিংক, যেটা আর্টিকেল ফোল্ডারের বাইরে; ফাইলটা যেখানে আছে সেখানেই এডিট করুন, অথবা লিংকের জায়গায় ফাইলটার একটা কপি রাখুন</translation>
    </message>
    <message>
        <source>{path} was changed by someone else since it was opened</source>
        <translation>খোলার পর অন্য কেউ {path} বদলেছেন</translation>
    </message>
    <message>
        <source>{path}: an article path inside the folder, ending in .md</source>
        <translation>{path}: ফোল্ডারের ভেতরের এমন আর্টিকেল পাথ দিন, যার শেষে .md</translation>
    </message>
    <message>
        <source>{path} already exists</source>
        <translation>{path} আগে থেকেই আছে</translation>
    </message>
    <message>
        <source>the history in {where} could not be read ({error}). The article files are not affected; the git repository there may be damaged (`git fsck` checks it)</source>
        <translation>{where}-এর ইতিহাস পড়া গেল না ({error})। আর্টিকেলের ফাইলগুলোর কিছু হয়নি; সেখানকার git রিপোজিটরি হয়তো নষ্ট হয়েছে (`git fsck` দিয়ে যাচাই করা যায়)</translation>
    </message>
    <message>
        <source>the history in {where} could not be recorded ({error}). The article files are not affected; the git repository there may be damaged (`git fsck` checks it)</source>
        <translation>{where}-এর ইতিহাসে রেকর্ড করা গেল না ({error})। আর্টিকেলের ফাইলগুলোর কিছু হয়নি; সেখানকার git রিপোজিটরি হয়তো নষ্ট হয়েছে (`git fsck` দিয়ে যাচাই করা যায়)</translation>
    </message>
    <message>
        <source>the history in {where} could not be opened ({error}). The article files are not affected; the git repository there may be damaged (`git fsck` checks it)</source>
        <translation>{where}-এর ইতিহাস খোলা গেল না ({error})। আর্টিকেলের ফাইলগুলোর কিছু হয়নি; সেখানকার git রিপোজিটরি হয়তো নষ্ট হয়েছে (`git fsck` দিয়ে যাচাই করা যায়)</translation>
    </message>
    <message>
        <source>the history in {where} cannot be read: HEAD is empty or unreadable. The article files are not affected</source>
        <translation>{where}-এর ইতিহাস পড়া যাচ্ছে না: HEAD খালি বা পড়া যায় না। আর্টিকেল ফাইলগুলোর কিছু হয়নি</translation>
    </message>
    <message>
        <source>the history in {where} cannot be read: {refs} holds {value}, not a commit id. The article files are not affected</source>
        <translation>{where}-এর ইতিহাস পড়া যাচ্ছে না: {refs}-এ আছে {value}, যেটা কোনো কমিট আইডি নয়। আর্টিকেল ফাইলগুলোর কিছু হয়নি</translation>
    </message>
    <message>
        <source>the history in {where} cannot be read: HEAD is {id}, which is not a commit</source>
        <translation>{where}-এর ইতিহাস পড়া যাচ্ছে না: HEAD হলো {id}, যেটা কোনো কমিট নয়</translation>
    </message>
    <message>
        <source>{id} in {where} is not a commit</source>
        <translation>{where}-এ {id} কোনো কমিট নয়</translation>
    </message>
    <message>
        <source>{ref} fits several revisions; `kb history {path}` lists them</source>
        <translation>{ref} একাধিক সংস্করণের সঙ্গে মেলে; `kb history {path}` সবগুলোর তালিকা দেখায়</translation>
    </message>
    <message>
        <source>{ref} is not a revision of it; `kb history {path}` lists them</source>
        <translation>{ref} এর কোনো সংস্করণ নয়; `kb history {path}` সবগুলোর তালিকা দেখায়</translation>
    </message>
    <message>
        <source>{path} at {id} is not a file</source>
        <translation>{id} সংস্করণে {path} কোনো ফাইল নয়</translation>
    </message>
    <message>
        <source>{name}: SVG images are not published on the website (they can carry scripts); export the picture as PNG or WebP and insert that</source>
        <translation>{name}: SVG ছবি ওয়েবসাইটে প্রকাশ হয় না (এর ভেতরে স্ক্রিপ্ট থাকতে পারে); ছবিটা PNG বা WebP হিসেবে সেভ করে সেটা বসান</translation>
    </message>
    <message>
        <source>{name}: the website publishes {kinds} images only</source>
        <translation>{name}: ওয়েবসাইটে শুধু {kinds} ছবি প্রকাশ হয়</translation>
    </message>
    <message>
        <source>{name} {problem}</source>
        <translation>ছবি {name}: {problem}</translation>
    </message>
    <message>
        <source>{name} is named like an image but does not contain one ({kinds})</source>
        <translation>{name}-এর নাম ছবির মতো, কিন্তু ভেতরে কোনো ছবি নেই ({kinds})</translation>
    </message>
    <message>
        <source>{folder} is a link out of the articles folder</source>
        <translation>{folder} আর্টিকেল ফোল্ডারের বাইরের একটা লিংক</translation>
    </message>
    <message>
        <source>no article with id or path {ref} in {folder}</source>
        <translation>{folder}-এ {ref} আইডি বা পাথের কোনো আর্টিকেল নেই</translation>
    </message>
    <message>
        <source>no article with id or path {ref} in {folder} (a deleted article is found by its path)</source>
        <translation>{folder}-এ {ref} আইডি বা পাথের কোনো আর্টিকেল নেই (মুছে ফেলা আর্টিকেল তার পাথ দিয়ে খুঁজে পাওয়া যায়)</translation>
    </message>
    <message>
        <source>{path}: no such article</source>
        <translation>{path}: এমন কোনো আর্টিকেল নেই</translation>
    </message>
    <message>
        <source>the change was saved, but its revision was not recorded: {error}</source>
        <translation>পরিবর্তন সেভ হয়েছে, কিন্তু এর সংস্করণ রেকর্ড হয়নি: {error}</translation>
    </message>
    <message>
        <source>the bundled sample is not edited in place; copy it (KnowledgeBase.copy_sample) and edit the copy</source>
        <translation>সাথে আসা নমুনা নলেজ বেস সরাসরি এডিট করা যায় না; এর একটা কপি করে (KnowledgeBase.copy_sample) সেই কপিটা এডিট করুন</translation>
    </message>
    <message>
        <source>A title is required.</source>
        <translation>শিরোনাম দিতে হবে।</translation>
    </message>
    <message>
        <source>The id must be non-empty, without spaces.</source>
        <translation>আইডি খালি রাখা যাবে না, ফাঁকাও থাকা চলবে না।</translation>
    </message>
    <message>
        <source>Another article already uses the id “{id}”.</source>
        <translation>অন্য একটা আর্টিকেল আগেই “{id}” আইডি ব্যবহার করছে।</translation>
    </message>
    <message>
        <source>Published articles need a quick answer for agents.</source>
        <translation>প্রকাশিত আর্টিকেলে এজেন্টদের জন্য দ্রুত উত্তর থাকতে হবে।</translation>
    </message>
    <message>
        <source>Use a date like 2027-03-31.</source>
        <translation>২০২৭-০৩-৩১ এর মতো করে তারিখ লিখুন।</translation>
    </message>
    <message>
        <source>{target} (line {line})</source>
        <translation>{target} (লাইন {line})</translation>
    </message>
    <message>
        <source>Links to files that do not exist: {links}</source>
        <translation>এমন ফাইলের লিংক, যেগুলো নেই: {links}</translation>
    </message>
    <message>
        <source>{folder} follows the team&apos;s remote as an agent&apos;s desk: articles are changed by editors. Make this desk an editor&apos;s (Team menu, or `kb remote role editor`) to change them here</source>
        <translation>{folder} এজেন্টের ডেস্ক হিসেবে টিমের রিমোট অনুসরণ করে: আর্টিকেল বদলান এডিটররা। এখানে বদলাতে হলে এই ডেস্ককে এডিটরের ডেস্ক করুন (টিম মেনু, বা `kb remote role editor`)</translation>
    </message>
</context>
<context>
    <name>Staff</name>
    <message>
        <source>the article</source>
        <translation>আর্টিকেলটি</translation>
    </message>
    <message>
        <source>the new article</source>
        <translation>নতুন আর্টিকেলটি</translation>
    </message>
    <message>
        <source>Cannot open the article</source>
        <translation>আর্টিকেলটি খোলা যাচ্ছে না</translation>
    </message>
    <message>
        <source>New article</source>
        <translation>নতুন আর্টিকেল</translation>
    </message>
    <message>
        <source>Start from:</source>
        <translation>কোনটা দিয়ে শুরু করবেন:</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>শিরোনাম:</translation>
    </message>
    <message>
        <source>a new article</source>
        <translation>একটি নতুন আর্টিকেল</translation>
    </message>
    <message>
        <source>Recover unsaved changes</source>
        <translation>সেভ না করা পরিবর্তন ফিরিয়ে আনুন</translation>
    </message>
    <message>
        <source>Unsaved changes to {what} were kept from {when}. Open them?</source>
        <translation>{what}-এর সেভ না করা পরিবর্তন {when} থেকে রাখা আছে। খুলবেন?</translation>
    </message>
    <message>
        <source>Edit a copy of the sample</source>
        <translation>নমুনার একটা কপি এডিট করুন</translation>
    </message>
    <message>
        <source>The bundled sample knowledge base is not edited in place.
Copy it to {folder} and edit the copy?</source>
        <translation>সাথে আসা নমুনা নলেজ বেস সরাসরি এডিট করা হয় না।
এটা {folder}-এ কপি করে কপিটা এডিট করবেন?</translation>
    </message>
    <message>
        <source>Not copied</source>
        <translation>কপি হয়নি</translation>
    </message>
    <message>
        <source>earlier</source>
        <translation>আগে</translation>
    </message>
    <message>
        <source>today at {time}</source>
        <translation>আজ {time}-এ</translation>
    </message>
    <message>
        <source>{day} at {time}</source>
        <translation>{day}, {time}-এ</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>{folder} is a file; give a new or empty folder</source>
        <translation>{folder} একটা ফাইল; নতুন বা খালি একটা ফোল্ডার দিন</translation>
    </message>
    <message>
        <source>{folder} already exists and is not empty</source>
        <translation>{folder} আগে থেকেই আছে, আর খালি নয়</translation>
    </message>
    <message>
        <source>the keyring could not be opened ({error})</source>
        <translation>কীরিং খোলা গেল না ({error})</translation>
    </message>
    <message>
        <source>no system keyring is available on this machine</source>
        <translation>এই কম্পিউটারে সিস্টেমের কোনো কীরিং নেই</translation>
    </message>
    <message>
        <source>kept in the system keyring</source>
        <translation>সিস্টেমের কীরিং-এ রাখা হয়েছে</translation>
    </message>
    <message>
        <source>the keyring refused it ({error})</source>
        <translation>কীরিং এটা রাখেনি ({error})</translation>
    </message>
    <message>
        <source>{problem}: it is kept in memory for this session only and never written to disk. Sign in again after restarting, or set {variable} in the environment for unattended use</source>
        <translation>{problem}: এটা শুধু এই সেশনের জন্য মেমরিতে রাখা হয়েছে, কখনো ডিস্কে লেখা হয় না। অ্যাপ আবার চালু করার পর আবার সাইন ইন করুন, অথবা কেউ না থাকলেও চালাতে এনভায়রনমেন্টে {variable} বসিয়ে দিন</translation>
    </message>
    <message>
        <source>a token is for https remotes; for ssh, sign in with the key&apos;s passphrase (or use ssh-agent)</source>
        <translation>টোকেন শুধু https রিমোটের জন্য; ssh-এর জন্য কী-এর পাসফ্রেজ দিয়ে সাইন ইন করুন (অথবা ssh-agent ব্যবহার করুন)</translation>
    </message>
    <message>
        <source>{path} is not waiting for a decision</source>
        <translation>{path} কোনো সিদ্ধান্তের অপেক্ষায় নেই</translation>
    </message>
    <message>
        <source>{folder} has no team remote yet: kb remote set URL</source>
        <translation>{folder}-এর এখনো কোনো টিম রিমোট নেই: kb remote set URL</translation>
    </message>
    <message>
        <source>the remote&apos;s address is empty</source>
        <translation>রিমোটের ঠিকানা খালি</translation>
    </message>
    <message>
        <source>{address}: not a git address (use https://, ssh://, user@host:path, file:// or a folder)</source>
        <translation>{address}: এটা git ঠিকানা নয় (https://, ssh://, user@host:path, file:// বা কোনো ফোল্ডার দিন)</translation>
    </message>
    <message>
        <source>{address} has a password or token in it, and it would be written to the repository&apos;s settings and shown in messages. Give the address without it (https://host/team/articles.git) and sign in: the secret is then kept in the system keyring</source>
        <translation>{address}-এর ভেতরে পাসওয়ার্ড বা টোকেন আছে; এভাবে দিলে সেটা রিপোজিটরির সেটিংসে লেখা হবে আর বার্তায় দেখা যাবে। ঠিকানাটা পাসওয়ার্ড ছাড়া দিন (https://host/team/articles.git), তারপর সাইন ইন করুন: গোপন তথ্যটা তখন সিস্টেমের কীরিং-এ রাখা হবে</translation>
    </message>
    <message>
        <source>{address}: the user name looks like a token. Give the address without it and sign in: the token is then kept in the system keyring</source>
        <translation>{address}: ইউজার নেমটা টোকেনের মতো দেখাচ্ছে। ঠিকানাটা এটা ছাড়া দিন, তারপর সাইন ইন করুন: টোকেন তখন সিস্টেমের কীরিং-এ রাখা হবে</translation>
    </message>
    <message>
        <source>{address}: {error}</source>
        <translation>ঠিকানা {address}: {error}</translation>
    </message>
    <message>
        <source>{where} did not accept the stored sign-in: sign in again (Team → Sign in, or `kb remote login`)</source>
        <translation>{where} রাখা সাইন ইন মেনে নেয়নি: আবার সাইন ইন করুন (টিম → সাইন ইন, বা `kb remote login`)</translation>
    </message>
    <message>
        <source>{where} asks who you are: sign in (Team → Sign in, or `kb remote login`)</source>
        <translation>{where} জানতে চাইছে আপনি কে: সাইন ইন করুন (টিম → সাইন ইন, বা `kb remote login`)</translation>
    </message>
    <message>
        <source>{where}: there is no git repository at that address</source>
        <translation>{where}: এই ঠিকানায় কোনো git রিপোজিটরি নেই</translation>
    </message>
    <message>
        <source>this desk could not write its copy ({error}: {file}). Nothing was half-written; free some space or fix the folder, and sync again</source>
        <translation>এই ডেস্ক নিজের কপিতে লিখতে পারেনি ({error}: {file})। কিছুই অর্ধেক লেখা হয়নি; কিছু জায়গা খালি করুন বা ফোল্ডারটা ঠিক করুন, তারপর আবার সিঙ্ক করুন</translation>
    </message>
    <message>
        <source>this desk could not write its copy ({error}). Nothing was half-written; free some space or fix the folder, and sync again</source>
        <translation>এই ডেস্ক নিজের কপিতে লিখতে পারেনি ({error})। কিছুই অর্ধেক লেখা হয়নি; কিছু জায়গা খালি করুন বা ফোল্ডারটা ঠিক করুন, তারপর আবার সিঙ্ক করুন</translation>
    </message>
    <message>
        <source>{where} refused access ({error}): sign in with an account that may read it</source>
        <translation>{where} ঢুকতে দেয়নি ({error}): এমন অ্যাকাউন্ট দিয়ে সাইন ইন করুন যেটার পড়ার অনুমতি আছে</translation>
    </message>
    <message>
        <source>{where} cannot be reached ({error}). Search goes on from this desk&apos;s copy; the next sync tries again</source>
        <translation>{where}-এ পৌঁছানো যাচ্ছে না ({error})। খোঁজা এই ডেস্কের কপি থেকে চলবে; পরের সিঙ্ক আবার চেষ্টা করবে</translation>
    </message>
    <message>
        <source>syncing with {where} failed: {error}</source>
        <translation>{where}-এর সাথে সিঙ্ক ব্যর্থ হয়েছে: {error}</translation>
    </message>
    <message>
        <source>{where} refused the push (no write access: {error}). Your revisions stay on this desk, ready to push</source>
        <translation>{where} পুশ নেয়নি (লেখার অনুমতি নেই: {error})। আপনার রিভিশনগুলো এই ডেস্কেই আছে, পুশ করার জন্য তৈরি</translation>
    </message>
    <message>
        <source>this desk&apos;s signals file could not be read ({path}: {error})</source>
        <translation>এই ডেস্কের সিগন্যাল ফাইল পড়া গেল না ({path}: {error})</translation>
    </message>
    <message>
        <source>this desk&apos;s signals (searches, flags) stay here: the team&apos;s remote refused them; staff can take them with kb report --export</source>
        <translation>এই ডেস্কের সিগন্যাল (খোঁজ, ফ্ল্যাগ) এখানেই থাকছে: টিমের রিমোট এগুলো নেয়নি; স্টাফরা kb report --export দিয়ে নিতে পারেন</translation>
    </message>
    <message>
        <source>this desk&apos;s signals were not sent: {error}</source>
        <translation>এই ডেস্কের সিগন্যাল পাঠানো হয়নি: {error}</translation>
    </message>
    <message>
        <source>the team&apos;s signals branch kept moving; this desk&apos;s are sent next time</source>
        <translation>টিমের সিগন্যালের ব্রাঞ্চ বারবার বদলাচ্ছিল; এই ডেস্কেরগুলো পরের বার পাঠানো হবে</translation>
    </message>
    <message>
        <source>{folder} is not shared with a team: set the team&apos;s remote first (kb remote set URL)</source>
        <translation>{folder} কোনো টিমের সাথে শেয়ার করা নয়: আগে টিমের রিমোট ঠিক করুন (kb remote set URL)</translation>
    </message>
    <message>
        <source>another sync of this folder is running; this one was skipped</source>
        <translation>এই ফোল্ডারের আরেকটি সিঙ্ক চলছে; এটা বাদ দেওয়া হলো</translation>
    </message>
    <message>
        <source>the last sync was interrupted: it was rolled back and is done again now</source>
        <translation>আগের সিঙ্ক মাঝপথে থেমেছিল: সেটা ফিরিয়ে নিয়ে এখন আবার করা হচ্ছে</translation>
    </message>
    <message>
        <source>the team&apos;s remote has no articles yet: an editor publishes them first</source>
        <translation>টিমের রিমোটে এখনো কোনো আর্টিকেল নেই: আগে একজন এডিটর সেগুলো প্রকাশ করবেন</translation>
    </message>
    <message>
        <source>nothing to publish yet</source>
        <translation>প্রকাশ করার মতো এখনো কিছু নেই</translation>
    </message>
    <message>
        <source>the team&apos;s remote kept moving while this desk tried to publish; your revisions stay here and the next sync tries again</source>
        <translation>এই ডেস্ক প্রকাশ করার চেষ্টার সময় টিমের রিমোট বারবার বদলাচ্ছিল; আপনার রিভিশনগুলো এখানেই আছে, পরের সিঙ্ক আবার চেষ্টা করবে</translation>
    </message>
    <message>
        <source>this folder&apos;s history and the team&apos;s are unrelated, so they cannot be merged safely. Start a desk from the team&apos;s copy (kb clone URL DIR) and copy the articles you need into it</source>
        <translation>এই ফোল্ডারের ইতিহাস আর টিমের ইতিহাসের মধ্যে কোনো সম্পর্ক নেই, তাই নিরাপদে মেলানো যাবে না। টিমের কপি থেকে একটা ডেস্ক শুরু করুন (kb clone URL DIR), তারপর দরকারি আর্টিকেলগুলো সেখানে কপি করুন</translation>
    </message>
    <message>
        <source>{path}: changed on one side and deleted on the other; the changed version is kept</source>
        <translation>{path}: এক দিকে বদলানো হয়েছে, অন্য দিকে মুছে ফেলা হয়েছে; বদলানো সংস্করণটাই রাখা হয়েছে</translation>
    </message>
    <message>
        <source>the team&apos;s history was rewritten: this desk&apos;s unpublished changes were put on top of it</source>
        <translation>টিমের ইতিহাস নতুন করে লেখা হয়েছে: এই ডেস্কের অপ্রকাশিত পরিবর্তনগুলো তার ওপর বসানো হয়েছে</translation>
    </message>
    <message>
        <source>revisions made on this desk that the team does not have were kept under {ref}</source>
        <translation>এই ডেস্কে করা যে রিভিশনগুলো টিমের কাছে নেই, সেগুলো {ref}-এ রাখা হয়েছে</translation>
    </message>
    <message>
        <source>the remote refused the push of {branch}: {error}. Your revisions stay on this desk, ready to push</source>
        <translation>রিমোট {branch}-এর পুশ নেয়নি: {error}। আপনার রিভিশনগুলো এই ডেস্কেই আছে, পুশ করার জন্য তৈরি</translation>
    </message>
    <message>
        <source>{branch} moved while the articles were updated</source>
        <translation>আর্টিকেল হালনাগাদের সময় {branch} বদলে গেছে</translation>
    </message>
    <message>
        <source>{path}: its folder leads out of the articles folder</source>
        <translation>{path}: এর ফোল্ডার আর্টিকেল ফোল্ডারের বাইরে নিয়ে যায়</translation>
    </message>
</context>
<context>
    <name>TeamDialogs</name>
    <message>
        <source>Agent: follows the team (never publishes, keeps nothing local)</source>
        <translation>এজেন্ট: টিমকে অনুসরণ করে (কখনো প্রকাশ করে না, নিজের কাছে কিছু রাখে না)</translation>
    </message>
    <message>
        <source>Editor: publishes each saved revision</source>
        <translation>এডিটর: সেভ করা প্রতিটি সংস্করণ প্রকাশ করে</translation>
    </message>
    <message>
        <source>An agent&apos;s desk follows the team; an editor&apos;s desk also publishes</source>
        <translation>এজেন্টের ডেস্ক টিমকে অনুসরণ করে; এডিটরের ডেস্ক প্রকাশও করে</translation>
    </message>
    <message>
        <source>The team&apos;s remote</source>
        <translation>টিমের রিমোট</translation>
    </message>
    <message>
        <source>&amp;Remote:</source>
        <translation>রিমোট (&amp;R):</translation>
    </message>
    <message>
        <source>This &amp;desk:</source>
        <translation>এই ডেস্ক (&amp;D):</translation>
    </message>
    <message>
        <source>The git repository the team shares its articles through (https, ssh, or a folder on a share). Do not put a password in the address: sign in afterwards, and the token is kept in the system keyring.</source>
        <translation>যে git রিপোজিটরি দিয়ে টিম আর্টিকেল শেয়ার করে (https, ssh, বা শেয়ার করা কোনো ফোল্ডার)। ঠিকানায় পাসওয়ার্ড দেবেন না: পরে সাইন ইন করুন, টোকেন সিস্টেমের কীরিং-এ রাখা হবে।</translation>
    </message>
    <message>
        <source>A git address: https, ssh, or a folder on a share</source>
        <translation>একটা git ঠিকানা: https, ssh, বা শেয়ার করা কোনো ফোল্ডার</translation>
    </message>
    <message>
        <source>Sign in to the team&apos;s remote</source>
        <translation>টিমের রিমোটে সাইন ইন করুন</translation>
    </message>
    <message>
        <source>Kept in the system keyring, never in a file</source>
        <translation>সিস্টেমের কীরিং-এ রাখা হয়, কখনো ফাইলে নয়</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>ইউজার নেম (&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Token or password:</source>
        <translation>টোকেন বা পাসওয়ার্ড (&amp;T):</translation>
    </message>
    <message>
        <source>{address}
The token is kept in the system keyring, never in a settings file.</source>
        <translation>{address}
টোকেন সিস্টেমের কীরিং-এ রাখা হয়, কখনো সেটিংস ফাইলে নয়।</translation>
    </message>
    <message>
        <source>Join a team</source>
        <translation>টিমে যোগ দিন</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>নতুন ফোল্ডার</translation>
    </message>
    <message>
        <source>Where the team&apos;s articles are copied on this desk</source>
        <translation>এই ডেস্কে টিমের আর্টিকেলগুলো যেখানে কপি হবে</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>বাছুন (&amp;H)…</translation>
    </message>
    <message>
        <source>Choose the new folder</source>
        <translation>নতুন ফোল্ডার বাছুন</translation>
    </message>
    <message>
        <source>&amp;New folder:</source>
        <translation>নতুন ফোল্ডার (&amp;N):</translation>
    </message>
    <message>
        <source>The team&apos;s articles are copied into a new folder on this desk, indexed, and opened; the app remembers it. Search keeps working when the network does not.</source>
        <translation>টিমের আর্টিকেলগুলো এই ডেস্কের একটা নতুন ফোল্ডারে কপি হবে, ইনডেক্স হবে, তারপর খুলবে; অ্যাপ এটা মনে রাখবে। নেটওয়ার্ক না থাকলেও খোঁজা চলবে।</translation>
    </message>
    <message>
        <source>Put the new folder in</source>
        <translation>নতুন ফোল্ডারটি যেখানে রাখবেন</translation>
    </message>
</context>
<context>
    <name>TeamPanel</name>
    <message>
        <source>Counting objects</source>
        <translation>অবজেক্ট গোনা হচ্ছে</translation>
    </message>
    <message>
        <source>Compressing objects</source>
        <translation>অবজেক্ট সংকুচিত হচ্ছে</translation>
    </message>
    <message>
        <source>Receiving objects</source>
        <translation>অবজেক্ট আসছে</translation>
    </message>
    <message>
        <source>Resolving deltas</source>
        <translation>পরিবর্তন মেলানো হচ্ছে</translation>
    </message>
    <message>
        <source>Updating articles</source>
        <translation>আর্টিকেল হালনাগাদ হচ্ছে</translation>
    </message>
    <message>
        <source>Writing articles</source>
        <translation>আর্টিকেল লেখা হচ্ছে</translation>
    </message>
    <message>
        <source>Team sync status</source>
        <translation>টিমের সিঙ্কের অবস্থা</translation>
    </message>
    <message>
        <source>Team: syncing…</source>
        <translation>টিম: সিঙ্ক হচ্ছে…</translation>
    </message>
    <message>
        <source>Team: {message}</source>
        <translation>টিম: {message}</translation>
    </message>
    <message>
        <source>Team sync failed: {error}</source>
        <translation>টিমের সিঙ্ক ব্যর্থ হয়েছে: {error}</translation>
    </message>
    <message>
        <source>Team: {stage} {percent}%…</source>
        <translation>টিম: {stage} {percent}%…</translation>
    </message>
    <message>
        <source>This desk publishes its saves.</source>
        <translation>এই ডেস্ক তার সেভ করা পরিবর্তন প্রকাশ করে।</translation>
    </message>
    <message>
        <source>This desk follows the team.</source>
        <translation>এই ডেস্ক টিমকে অনুসরণ করে।</translation>
    </message>
    <message>
        <source>Not shared</source>
        <translation>শেয়ার হয়নি</translation>
    </message>
    <message>
        <source>Not kept</source>
        <translation>রাখা হয়নি</translation>
    </message>
    <message>
        <source>Team: the token is {where}</source>
        <translation>টিম: টোকেনটি {where}</translation>
    </message>
    <message>
        <source>Signed in for this session</source>
        <translation>শুধু এই সেশনের জন্য সাইন ইন হয়েছে</translation>
    </message>
    <message>
        <source>Joining the team…</source>
        <translation>টিমে যোগ দেওয়া হচ্ছে…</translation>
    </message>
    <message>
        <source>Not joined</source>
        <translation>যোগ দেওয়া হয়নি</translation>
    </message>
    <message>
        <source>Changed here and by someone else</source>
        <translation>এখানে আর অন্য কেউ, দুই জায়গাতেই বদলানো</translation>
    </message>
    <message numerus="yes">
        <source>%Ln article(s) you changed were also changed by someone else: {list}.

The folder shows their version; yours is kept until you decide. Decide now?</source>
        <translation>
            <numerusform>আপনার বদলানো %Lnটি আর্টিকেল অন্য কেউও বদলেছেন: {list}।

ফোল্ডারে এখন তাঁদের সংস্করণ দেখাচ্ছে; আপনি সিদ্ধান্ত না নেওয়া পর্যন্ত আপনারটা রাখা থাকবে। এখনই সিদ্ধান্ত নেবেন?</numerusform>
            <numerusform>আপনার বদলানো %Lnটি আর্টিকেল অন্য কেউও বদলেছেন: {list}।

ফোল্ডারে এখন তাঁদের সংস্করণ দেখাচ্ছে; আপনি সিদ্ধান্ত না নেওয়া পর্যন্ত আপনারটা রাখা থাকবে। এখনই সিদ্ধান্ত নেবেন?</numerusform>
        </translation>
    </message>
    <message>
        <source>Team: no article waits for a decision</source>
        <translation>টিম: সিদ্ধান্তের অপেক্ষায় কোনো আর্টিকেল নেই</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>সেভ হয়নি</translation>
    </message>
</context>
<context>
    <name>TeamStatus</name>
    <message>
        <source>Team remote unreachable</source>
        <translation>টিমের রিমোটে পৌঁছানো যাচ্ছে না</translation>
    </message>
    <message>
        <source>Team remote: sign in needed</source>
        <translation>টিমের রিমোট: সাইন ইন করতে হবে</translation>
    </message>
    <message>
        <source>Team remote refused the push</source>
        <translation>টিমের রিমোট পুশ নেয়নি</translation>
    </message>
    <message>
        <source>Team sync: this desk&apos;s disk refused a write</source>
        <translation>টিম সিঙ্ক: এই ডেস্কের ডিস্কে লেখা যায়নি</translation>
    </message>
    <message>
        <source>Team remote: no repository at that address</source>
        <translation>টিমের রিমোট: এই ঠিকানায় কোনো রিপোজিটরি নেই</translation>
    </message>
    <message>
        <source>Team: another sync is running</source>
        <translation>টিম: আরেকটি সিঙ্ক চলছে</translation>
    </message>
    <message>
        <source>Team sync failed</source>
        <translation>টিম সিঙ্ক ব্যর্থ হয়েছে</translation>
    </message>
    <message>
        <source>Team: not synced yet</source>
        <translation>টিম: এখনো সিঙ্ক হয়নি</translation>
    </message>
    <message>
        <source>Team: syncing…</source>
        <translation>টিম: সিঙ্ক হচ্ছে…</translation>
    </message>
    <message>
        <source>Team: the last sync was interrupted; the next one finishes it</source>
        <translation>টিম: আগের সিঙ্ক মাঝপথে থেমেছিল; পরের সিঙ্ক সেটা শেষ করবে</translation>
    </message>
    <message>
        <source>synced {time}</source>
        <translation>{time}-এ সিঙ্ক হয়েছে</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>কখনো সিঙ্ক হয়নি</translation>
    </message>
    <message>
        <source>Team: {synced}</source>
        <translation>টিম: {synced}</translation>
    </message>
    <message>
        <source>{n} article(s) to resolve</source>
        <translation>{n}টি আর্টিকেলে সিদ্ধান্ত বাকি</translation>
    </message>
    <message>
        <source>searching this desk&apos;s copy</source>
        <translation>এই ডেস্কের কপিতে খোঁজা হচ্ছে</translation>
    </message>
    <message>
        <source>{n} revision(s) to push</source>
        <translation>{n}টি রিভিশন পুশ করা বাকি</translation>
    </message>
    <message>
        <source>{n} revision(s) behind</source>
        <translation>{n}টি রিভিশন পিছিয়ে</translation>
    </message>
    <message>
        <source>up to date</source>
        <translation>সব হালনাগাদ</translation>
    </message>
    <message>
        <source>{n} article(s) updated</source>
        <translation>{n}টি আর্টিকেল হালনাগাদ হয়েছে</translation>
    </message>
    <message>
        <source>your revisions are published</source>
        <translation>আপনার রিভিশনগুলো প্রকাশ হয়েছে</translation>
    </message>
    <message>
        <source>{n} article(s) changed here and by someone else wait for your decision</source>
        <translation>{n}টি আর্টিকেল এখানে আর অন্য কেউ দুজনেই বদলেছেন; আপনার সিদ্ধান্তের অপেক্ষায়</translation>
    </message>
    <message>
        <source>{n} local file(s) copied to {folder} before being replaced</source>
        <translation>বদলানোর আগে {n}টি লোকাল ফাইল {folder}-এ কপি করা হয়েছে</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>draft</source>
        <translation>খসড়া</translation>
    </message>
    <message>
        <source>published</source>
        <translation>প্রকাশিত</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>আর্কাইভ করা</translation>
    </message>
    <message>
        <source>public</source>
        <translation>পাবলিক</translation>
    </message>
    <message>
        <source>internal</source>
        <translation>অভ্যন্তরীণ</translation>
    </message>
    <message>
        <source>helpful</source>
        <translation>কাজের</translation>
    </message>
    <message>
        <source>outdated</source>
        <translation>পুরোনো</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>ভুল</translation>
    </message>
    <message>
        <source>needs review</source>
        <translation>রিভিউ দরকার</translation>
    </message>
    <message>
        <source>often opened for this search</source>
        <translation>এই খোঁজে প্রায়ই খোলা হয়</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>হালনাগাদ</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>এজেন্ট</translation>
    </message>
    <message>
        <source>editor</source>
        <translation>এডিটর</translation>
    </message>
    <message>
        <source>FAQ answer</source>
        <translation>FAQ উত্তর</translation>
    </message>
    <message>
        <source>How-to</source>
        <translation>কীভাবে করবেন</translation>
    </message>
    <message>
        <source>Troubleshooting</source>
        <translation>সমস্যা সমাধান</translation>
    </message>
    <message>
        <source>Complaint playbook</source>
        <translation>অভিযোগ সামলানোর গাইড</translation>
    </message>
    <message>
        <source>FAQ answer (বাংলা)</source>
        <translation>FAQ উত্তর (বাংলা)</translation>
    </message>
    <message>
        <source>How-to (বাংলা)</source>
        <translation>কীভাবে করবেন (বাংলা)</translation>
    </message>
    <message>
        <source>Troubleshooting (বাংলা)</source>
        <translation>সমস্যা সমাধান (বাংলা)</translation>
    </message>
    <message>
        <source>Complaint playbook (বাংলা)</source>
        <translation>অভিযোগ সামলানোর গাইড (বাংলা)</translation>
    </message>
    <message>
        <source>English</source>
        <translation>ইংরেজি</translation>
    </message>
    <message>
        <source>Bengali</source>
        <translation>বাংলা</translation>
    </message>
</context>
</TS>
