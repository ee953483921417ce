package io.squall.escape.internal;

import java.util.HashMap;
import java.util.Map;

/** Character references for {@code xhtmlUnescape}: numeric ones and the HTML 4 named entities. */
public final class HtmlEntities {
  /** Entity name to code point: HTML 4's 252 entities plus XML's {@code apos}. */
  private static final Map<String, Integer> NAMED = new HashMap<>(512);

  /** What HTML 5 makes of numeric references 0x80-0x9F: the windows-1252 characters. */
  private static final char[] C1 = {
    '\u20ac', '\u0081', '\u201a', '\u0192', '\u201e', '\u2026', '\u2020', '\u2021',
    '\u02c6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008d', '\u017d', '\u008f',
    '\u0090', '\u2018', '\u2019', '\u201c', '\u201d', '\u2022', '\u2013', '\u2014',
    '\u02dc', '\u2122', '\u0161', '\u203a', '\u0153', '\u009d', '\u017e', '\u0178'
  };

  static {
    String table =
        ""
            + "quot=34,amp=38,lt=60,gt=62,nbsp=160,iexcl=161,cent=162,pound=163,curren=164,yen=165,"
            + "brvbar=166,sect=167,uml=168,copy=169,ordf=170,laquo=171,not=172,shy=173,reg=174,"
            + "macr=175,deg=176,plusmn=177,sup2=178,sup3=179,acute=180,micro=181,para=182,middot=183,"
            + "cedil=184,sup1=185,ordm=186,raquo=187,frac14=188,frac12=189,frac34=190,iquest=191,"
            + "Agrave=192,Aacute=193,Acirc=194,Atilde=195,Auml=196,Aring=197,AElig=198,Ccedil=199,"
            + "Egrave=200,Eacute=201,Ecirc=202,Euml=203,Igrave=204,Iacute=205,Icirc=206,Iuml=207,"
            + "ETH=208,Ntilde=209,Ograve=210,Oacute=211,Ocirc=212,Otilde=213,Ouml=214,times=215,"
            + "Oslash=216,Ugrave=217,Uacute=218,Ucirc=219,Uuml=220,Yacute=221,THORN=222,szlig=223,"
            + "agrave=224,aacute=225,acirc=226,atilde=227,auml=228,aring=229,aelig=230,ccedil=231,"
            + "egrave=232,eacute=233,ecirc=234,euml=235,igrave=236,iacute=237,icirc=238,iuml=239,"
            + "eth=240,ntilde=241,ograve=242,oacute=243,ocirc=244,otilde=245,ouml=246,divide=247,"
            + "oslash=248,ugrave=249,uacute=250,ucirc=251,uuml=252,yacute=253,thorn=254,yuml=255,"
            + "OElig=338,oelig=339,Scaron=352,scaron=353,Yuml=376,fnof=402,circ=710,tilde=732,"
            + "Alpha=913,Beta=914,Gamma=915,Delta=916,Epsilon=917,Zeta=918,Eta=919,Theta=920,Iota=921,"
            + "Kappa=922,Lambda=923,Mu=924,Nu=925,Xi=926,Omicron=927,Pi=928,Rho=929,Sigma=931,Tau=932,"
            + "Upsilon=933,Phi=934,Chi=935,Psi=936,Omega=937,alpha=945,beta=946,gamma=947,delta=948,"
            + "epsilon=949,zeta=950,eta=951,theta=952,iota=953,kappa=954,lambda=955,mu=956,nu=957,"
            + "xi=958,omicron=959,pi=960,rho=961,sigmaf=962,sigma=963,tau=964,upsilon=965,phi=966,"
            + "chi=967,psi=968,omega=969,thetasym=977,upsih=978,piv=982,ensp=8194,emsp=8195,"
            + "thinsp=8201,zwnj=8204,zwj=8205,lrm=8206,rlm=8207,ndash=8211,mdash=8212,lsquo=8216,"
            + "rsquo=8217,sbquo=8218,ldquo=8220,rdquo=8221,bdquo=8222,dagger=8224,Dagger=8225,"
            + "bull=8226,hellip=8230,permil=8240,prime=8242,Prime=8243,lsaquo=8249,rsaquo=8250,"
            + "oline=8254,frasl=8260,euro=8364,image=8465,weierp=8472,real=8476,trade=8482,"
            + "alefsym=8501,larr=8592,uarr=8593,rarr=8594,darr=8595,harr=8596,crarr=8629,lArr=8656,"
            + "uArr=8657,rArr=8658,dArr=8659,hArr=8660,forall=8704,part=8706,exist=8707,empty=8709,"
            + "nabla=8711,isin=8712,notin=8713,ni=8715,prod=8719,sum=8721,minus=8722,lowast=8727,"
            + "radic=8730,prop=8733,infin=8734,ang=8736,and=8743,or=8744,cap=8745,cup=8746,int=8747,"
            + "there4=8756,sim=8764,cong=8773,asymp=8776,ne=8800,equiv=8801,le=8804,ge=8805,sub=8834,"
            + "sup=8835,nsub=8836,sube=8838,supe=8839,oplus=8853,otimes=8855,perp=8869,sdot=8901,"
            + "lceil=8968,rceil=8969,lfloor=8970,rfloor=8971,lang=9001,rang=9002,loz=9674,spades=9824,"
            + "clubs=9827,hearts=9829,diams=9830";
    for (String pair : table.split(",")) {
      int eq = pair.indexOf('=');
      NAMED.put(pair.substring(0, eq), Integer.parseInt(pair.substring(eq + 1)));
    }
    NAMED.put("apos", (int) '\'');
  }

  private HtmlEntities() {}

  /** Replaces every valid reference in {@code s}; leaves everything else untouched. */
  public static String unescape(String s) {
    int amp = s.indexOf('&');
    if (amp < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int last = 0;
    while (amp >= 0) {
      int end =
          amp < s.length() - 1 && s.charAt(amp + 1) == '#'
              ? numeric(s, amp, out, last)
              : named(s, amp, out, last);
      if (end > 0) {
        last = end;
      }
      amp = s.indexOf('&', Math.max(amp + 1, last));
    }
    out.append(s, last, s.length());
    return out.toString();
  }

  /** Handles {@code &#NNN;} or {@code &#xHHH;} (semicolon optional); returns its end or -1. */
  private static int numeric(String s, int amp, StringBuilder out, int last) {
    int i = amp + 2;
    int radix = 10;
    if (i < s.length() && (s.charAt(i) == 'x' || s.charAt(i) == 'X')) {
      radix = 16;
      i++;
    }
    int digitsStart = i;
    long value = 0;
    while (i < s.length() && Character.digit(s.charAt(i), radix) >= 0 && s.charAt(i) < 0x80) {
      value = Math.min(value * radix + Character.digit(s.charAt(i), radix), 0x110000L);
      i++;
    }
    if (i == digitsStart) {
      return -1;
    }
    if (i < s.length() && s.charAt(i) == ';') {
      i++;
    }
    out.append(s, last, amp);
    int cp = (int) value;
    if (cp == 0) {
      out.append('\ufffd');
    } else if (cp == 0x0d) {
      out.append('\r');
    } else if (cp >= 0x80 && cp <= 0x9f) {
      out.append(C1[cp - 0x80]);
    } else if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) {
      out.append('\ufffd');
    } else if (!invalidCodePoint(cp)) {
      out.appendCodePoint(cp);
    }
    return i;
  }

  private static boolean invalidCodePoint(int cp) {
    return (cp >= 0x1 && cp <= 0x8)
        || cp == 0xb
        || (cp >= 0xe && cp <= 0x1f)
        || cp == 0x7f
        || (cp >= 0xfdd0 && cp <= 0xfdef)
        || (cp & 0xfffe) == 0xfffe;
  }

  /** Handles {@code &name;}; returns its end or -1 if the name is unknown. */
  private static int named(String s, int amp, StringBuilder out, int last) {
    int semi = s.indexOf(';', amp + 1);
    if (semi < 0 || semi - amp > 33) {
      return -1;
    }
    Integer cp = NAMED.get(s.substring(amp + 1, semi));
    if (cp == null) {
      return -1;
    }
    out.append(s, last, amp).appendCodePoint(cp);
    return semi + 1;
  }
}
