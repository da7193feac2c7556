package com.leadimport.local;

public final class Cli {
    public static void main(String[] args) {
        System.out.println("not yet");
    }
}
